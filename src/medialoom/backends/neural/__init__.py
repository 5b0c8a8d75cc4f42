"""Neural backends: diffusers and transformers with real Hugging Face model ids, one file per
model family, sharing one model pool with a memory budget."""
