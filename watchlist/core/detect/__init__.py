"""Detection: which followed films an article is about, and what happened to them."""
