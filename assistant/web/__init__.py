"""The interview in a browser (`samarbeid serve`): a Starlette app over the same Dialogue, engine
and report view as the terminal; it shows and collects, and decides nothing.

`app` builds the app and guards every request, `pages` holds the pages, `uploads` reads an
uploaded answers file through `decide`'s loader, `serve` binds and runs it, `words` its words;
templates/ and static/ are its HTML, CSS and the little script it can do without.
"""
