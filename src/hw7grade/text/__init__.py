"""The text layer: reading model answers and user turns as documents (labels, blocks, sentences,
phrases, polarity), each piece in linear time on any input."""
