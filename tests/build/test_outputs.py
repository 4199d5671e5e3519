"""Which files a build keeps: decided in the build's own process only."""

from __future__ import annotations

import pytest

from chatcal.build.outputs import Outputs
from chatcal.forkmap import WorkerFailed, fork_map


def test_asking_to_keep_a_file_in_a_build_worker_fails_loudly(tmp_path):
    """In a worker the answer and its key would be lost, and the file left out of the site."""
    output = tmp_path / "output"
    output.mkdir()
    (output / "page.html").write_text("made before")
    outputs = Outputs(tmp_path / "staging", output, {"page.html": "k"}, {"page.html"})
    with pytest.raises(WorkerFailed, match="asked in a build worker"):
        fork_map(lambda name: outputs.reuse(name, "k"), ["page.html"] * 2, workers=2, min_items=1)
    assert outputs.reuse("page.html", "k")


def test_a_process_that_published_the_site_trusts_its_list_of_files(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    checked = Outputs(tmp_path / "staging", output, {"page.html": "k"}, {"page.html"})
    trusted = Outputs(tmp_path / "staging", output, {"page.html": "k"}, {"page.html"}, trusted=True)
    assert not checked.reuse("page.html", "k")  # not there: made again
    assert trusted.reuse("page.html", "k")
    assert not trusted.reuse("page.html", "other key")
