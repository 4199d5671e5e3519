"""What the site's pages and open data show, as plain data and text for the templates.
"""
