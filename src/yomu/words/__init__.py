"""The words of a sentence: Sudachi's tokens, their readings (numbers and counters, the
readings the sentence decides), furigana, and what each inflected form does.
"""
