"""The interactive assistant in the terminal (Textual). It shows and collects; the engine decides."""
