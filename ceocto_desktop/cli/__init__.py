"""The shell: `ceocto` and its commands, one module per topic."""
