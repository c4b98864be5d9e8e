"""TextChunk/TableFact → Chroma, and back; BM25 over jieba; embeddings from a configurable model."""
