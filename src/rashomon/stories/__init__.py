"""Stories: a mixed corpus clustered online into stories, one evidence map per story (docs/stories.md)."""
