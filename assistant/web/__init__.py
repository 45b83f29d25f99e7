"""The interview in a browser, and the workshop room (`samarbeid serve`): a Starlette app over the same Dialogue, engine
and report view as the terminal; it shows and collects, and decides nothing.

`app` builds the app and guards every request, `pages` holds the pages, `uploads` reads an
uploaded answers file through `decide`'s loader, `serve` binds and runs it, `words` its words;
templates/ and static/ are its HTML, CSS and the little script it can do without, which `assets` serves
under names with their content's hash.

The workshop room (issue 14): `room` holds its pages (making a room, joining, the trainer's
controls, the projector, a group's quiz, the tour), `roomview` what they show as plain data,
`live` the server-sent events that keep them live and the limit on joining.
"""
