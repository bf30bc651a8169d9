"""Part labels at a line's start: which lines name a part, and which part."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hw7grade.text import labels as labels_module
from hw7grade.text.labels import (
    BEFORE_LAST,
    LAST,
    display_math_after,
    explains_part,
    key_label,
    line_label,
    mentions,
    opens_with_lead,
    titled_heading,
)


@pytest.mark.parametrize(
    "line, label",
    [
        ("### Part (a): Implementation Details", (None, "a", None)),
        ("**(i) How many layers**", (None, None, "i")),
        ("**Q7 (b)** Training", ("7", "b", None)),
        ("8a-iii: Weight Decay and SGD", ("8", "a", "iii")),
        ("**3.b.(ii)**", ("3", "b", "ii")),  # dots all the way, the numeral in brackets
        ("- 3b i: first order optimality conditions", ("3", "b", "i")),  # a bare numeral before a colon
        # A keycap emoji numbering a heading is decoration, not a question number.
        ("### 1️⃣ HW7 8a-ii — Loss", ("8", "a", "ii")),
        ("### 2️⃣ HW7 7 c) — Evaluation inputs", ("7", "c", None)),
        # The Chinese ordinal mark before a part's label is decoration; with a measure word, a question.
        ("### 📌 第 (i) 部分：一阶条件", (None, None, "i")),
        ("**第 (ii) 部分**", (None, None, "ii")),
        ("### 第3题(b)：线性自编码器", ("3", "b", None)),
        ("第二部分", None),
        # A question in capital Roman numerals, before a lettered part or after "problem".
        ("**VII (b) — Training (teacher forcing)**", ("7", "b", None)),
        ("Problem VII (c): evaluation", ("7", "c", None)),
        ("I (a) think so", None),
        ("X (a) is the data", None),
        # A dotted letter or numeral names a part at a line's start only.
        ("**i. How many linear layers?**", (None, None, "i")),
        ("ii. Loss function", (None, None, "ii")),
        ("b. Training inputs", (None, "b", None)),
        ("i.e. the loss is the MSE", None),
        # A numbered item that starts with a question names it; a bare number there is the item's.
        ("## 2. Question 7(b)", ("7", "b", None)),
        ("## 1. Problem 8(a)(iii)", ("8", "a", "iii")),
        ("2. 7 linear layers would be too many", None),
        ("### 2. HW7 3(b)(ii) — PCA satisfies them", ("3", "b", "ii")),
        # a question numbered in capital Roman numerals, its letter after a hyphen or a full stop
        ("IV-b What I learnt (~100 words)", ("4", "b", None)),
        ("VII.a One problem with the design", ("7", "a", None)),
        ("I-a think so", None),  # the pronoun
        ("IV-bis", None),
        # a heading's own item number, then a part with its letter in brackets
        ("### 2) 8(a)(iii) — What you need", ("8", "a", "iii")),
        ("### 1) 7(b) — Decoder inputs", ("7", "b", None)),
        ("4. **8(b): Yes.**", None),  # an item of a list numbering the parts its own way
        # ... and so does a capital letter of the reply's own list: the part it names is the line's
        ("### A. Q7(b): Training inputs ✅", ("7", "b", None)),
        ("**C. Q8(a)(iii)**", ("8", "a", "iii")),
        ("B. Q7 is about translation", (None, "b", None)),  # a question alone names no part
        ("b. Q7(c) is next", (None, "b", None)),  # a small letter is the part's own
        ("Ok. So the answer is two.", None),
        # A letter, then a dotted or closed numeral.
        ("**(a) ii. Loss function: nn.MSELoss**", (None, "a", "ii")),
        ("8(a) iii) Weight Decay and SGD", ("8", "a", "iii")),
        ("(b) I think the answer is yes", (None, "b", None)),
        ("(a) i.e. the encoder", (None, "a", None)),
        # A closed letter, then a numeral closed by a full stop inside emphasis or at the line's end.
        ("**a) i.** **2** linear layers", (None, "a", "i")),
        ("**a) iii.**", (None, "a", "iii")),
        ("**8a) ii.** nn.MSELoss", ("8", "a", "ii")),
        ("a) i.e. the encoder", (None, "a", None)),
        ("**b.** Training inputs", (None, "b", None)),
        # A letter, a dot and a numeral ("a.ii"), in lower case only ("A.I." is no label).
        ("| a.ii | **nn.MSELoss** | squared error |", (None, "a", "ii")),
        ("a.iii) Weight Decay and SGD", (None, "a", "iii")),
        ("A.I. models answer this", None),
        # A letter, a space and its numeral closed by a bracket ("a ii)"); not a word in brackets.
        ("a ii) loss: L1Loss / MSELoss / CrossEntropyLoss", (None, "a", "ii")),
        ("**a iii)** Weight decay and SGD", (None, "a", "iii")),
        ("a big) thing", None),
        # A letter with its numeral in brackets straight after it, i to iv only ("f(x) = 2" is math).
        ("**a(i) How many linear layers?**", (None, "a", "i")),
        ("b(ii): nn.MSELoss", (None, "b", "ii")),
        ("f(x) = 2", None),
        ("e.g. the encoder", None),
        # A paragraph that opens on the part it turns to.
        # A heading's short title, then its label in brackets; not a matrix in brackets.
        ("**ResNet blog (4a):** started from", ("4", "a", None)),
        ("**2. Loss function (Q8a(ii))**", ("8", "a", "ii")),
        ("**Note (see (ii))**", None),
        ("### Training inputs (7b)", ("7", "b", None)),
        ("**Encoder (W_1)**", None),
        ("For (b), let me run a small experiment.", (None, "b", None)),
        ("As for part (c): the same inputs.", (None, "c", None)),
        ("**Corrected 7(b) — Training (teacher forcing):**", ("7", "b", None)),
        ("**Corrected b) Training (teacher forcing):**", (None, "b", None)),
        ("**Corrected answer for Q4(a):** 341 s at first", ("4", "a", None)),
        ("✅ Corrected Answer (c): <sos>, I, saw, a, dog", (None, "c", None)),
        ("For 7 days we trained it", None),
        ("Final 26 s to 94% accuracy", None),
        ("For (b) we feed the reference", None),
        ("✅ **Corrected (c): `<sos>`, I, saw, a, dog**", (None, "c", None)),
        ("Fixed (b) typo here", None),
        ("**Corrected (ii).** With W_1 = U_k^T, W_2 = U_k:", (None, None, "ii")),
        ("**Revised (b):** the inputs", (None, "b", None)),
        ("**Fixed (b)** typo here", None),
        # A slash before the next label ends a label like a space.
        ("7(b)/(c) Decoder inputs during training vs. generation", ("7", "b", None)),
        ("7b/c decoder inputs", ("7", "b", None)),
        ("7b/sec on one GPU", None),
        # Words that take a part up again to revise it lead like "Corrected".
        ("**Revisiting (a):** looking back, the real problem is", (None, "a", None)),
        ("**Correction to (c):** the model's own w_3", (None, "c", None)),
        ("Reconsidering (ii): the second condition", (None, None, "ii")),
        ("## 🔧 Fix to (i): the $W_2$ gradient", (None, None, "i")),
        ("## 🔧 Completing (ii): the $W_2$ condition", (None, None, "ii")),
        ("**Finishing (b):** the last two tokens", (None, "b", None)),
        ("Completing (ii) needs the eigen relation", None),
        ("Revisiting the blog posts (all of them)", None),
        # An emphasised label after a turning word needs no comma; a plain one does.
        ("On **(a)** I'd rather not give you figures", (None, "a", None)),
        ("For **(b)**, here's a draft paragraph", (None, "b", None)),
        ("On (a) the reference is fed", None),
        ("Once (a) is done, go on", None),
        # Spanish and German words for a question or a part; a Chinese question heading on its own
        ("**Inciso (a) — Problema del diseño**", (None, "a", None)),
        ("inciso b: ¿cuáles son los tokens?", (None, "b", None)),
        ("Pregunta 7 — Traducción", ("7", None, None)),
        ("Teil (i) hab ich schon", (None, None, "i")),
        ("## **Câu 7a — Problem with vertical stacking**", ("7", "a", None)),
        # a heading's own numbered item, then the part by its question's number
        ("**Card 1 — 3b(i)**", ("3", "b", "i")),
        ("### Slide 2: Q7(b)", ("7", "b", None)),
        # ... a capital mark of the user's own, then the question alone, or in brackets on a plain line
        ("**P2 — Q7**", ("7", None, None)),
        ("**P1 — Q3b**", ("3", "b", None)),
        ("P1 (Q3b, linear autoencoder / PCA)", ("3", "b", None)),
        ("V1 (W1 U) is fine", None),
        ("### Section 1 → Question 3(b)(i): first-order conditions ✅", ("3", "b", "i")),
        ("**Step 2 -> 7 tokens**", None),
        ("**Slide 2: Q7 is the long one**", None),
        ("**Step 1 — 2 layers**", None),
        ("### Soal 4 bagian (c)", ("4", "c", None)),
        ("**Exercice 8 partie b**", ("8", "b", None)),
        ("## 第7题", ("7", None, None)),
        ("la parte de la pregunta", None),
        # A lead and its label alone on a line, in bold or under an emoji, head what follows.
        ("🔧 **Correction for (a)**", (None, "a", None)),
        ("## 🔧 Correction for (c)", (None, "c", None)),
        ("**Corrected answer for (c)**", (None, "c", None)),
        ("Correction for (a) of the table above", None),
        # A question number in brackets before a bracketed letter.
        ("**(4)(a) Initial vs. Final Performance**", ("4", "a", None)),
        ("(4) items to check", None),
        ("(2) W_2 = U_k", None),
        # "Now" and "next" turn to a part like "for"; a full stop may end the turn.
        ("Now part (ii). I'll follow the SVD approach.", (None, None, "ii")),
        # A line announcing the part it takes up: "Let me think about 7c first.", "Starting with (b):"
        ("Let me think about 7c first.", ("7", "c", None)),
        ("Let's start with (b).", (None, "b", None)),
        ("Starting with (c): the evaluation inputs", (None, "c", None)),
        ("I'll take (ii) first: the second condition", (None, None, "ii")),
        ("Let me start with (b) and then the rest", None),
        ("Let me think about this first.", None),
        ("Next, (c): evaluation", None),
        ("Next (c): the evaluation inputs", (None, "c", None)),
        ("Now (a) is done, so on to the rest", None),
        # A display-math line may hold its label in a text wrapper; a wrapped word is no label.
        (r"$$\text{(b)}\quad w_1,\dots,w_5 = \langle sos\rangle, \text{I}$$", (None, "b", None)),
        (r"\[\textbf{(ii)}\ W_1 = U_k^\top\]", (None, None, "ii")),
        (r"$$\text{I},\ \text{see},\ \text{a}$$", None),
        (r"$$\text{loss} = \|X - W_2W_1X\|_F^2$$", None),
        # a LaTeX document's headings hold their labels
        (r"\subsection*{(a)(i) Number of linear layers}", (None, "a", "i")),
        (r"\section*{Question 8: Regularised linear autoencoder}", ("8", None, None)),
        (r"\item Weight decay", None),
        (r"\item[(b)] Decoder inputs during training", (None, "b", None)),
        (r"  \item[\textbf{(c)}] \textbf{At evaluation}", (None, "c", None)),
        # a heading on the reasons for a part; in running text "why (b)" is a question about it
        ("### 🔹 Why (b) uses the true sentence", (None, "b", None)),
        ("**Why (ii) holds**", (None, None, "ii")),
        ("Why (b) uses the true sentence is unclear to me", None),
    ],
)
def test_line_label(line, label):
    found = line_label(line)
    assert (None if found is None else (found.q, found.letter, found.roman)) == label


@pytest.mark.parametrize(
    "line, explains",
    [("### 🔹 Why (b) uses the true sentence", True), ("### (b) Training", False), ("Why (b)?", False)],
)
def test_a_heading_on_the_reasons_for_a_part(line, explains):
    assert explains_part(line) is explains


@pytest.mark.parametrize(
    "text, labels",
    [
        ("Q4 parts b and c for the reading", [("4", "b", None), (None, "c", None)]),
        # "第3题(b)": the Chinese "question 3", part (b); "第2个" ("the second one") names no question
        ("HW7 第3题(b)，线性自编码器", [("3", "b", None)]),
        ("第 8 题 (a)(ii) 怎么做", [("8", "a", "ii")]),
        ("HW7 第8题b", [("8", "b", None)]),
        ("第2个是什么", []),
        # a numeral with its full stop after an item's bracketed choices goes on the run of items
        (
            "q8 a) i. how many layers? (0/1/2/3)  ii. which loss?  iii. what else?",
            [("8", "a", "i"), (None, None, "ii"), (None, None, "iii")],
        ),
        ("Can you do part a, b, and c?", [(None, "a", None), (None, "b", None), (None, "c", None)]),
        ("Question 8 part ii and iii", [("8", None, "ii"), (None, None, "iii")]),
        ("part b and I think it is wrong", [(None, "b", None)]),  # a capital I is a word here
        ("3. (HW7, Q8 a iii) which are needed?", [("8", "a", "iii")]),  # a bare letter, then a numeral
        ("question 7 a teammate suggests", [("7", None, None)]),
        (
            "For the reading (Q4): b) what you learnt. c) the approach",
            [("4", None, None), (None, "b", None), (None, "c", None)],
        ),
        ("now HW7 Q7 b. RNN encoder-decoder", [("7", "b", None)]),  # a letter and a dot after a space
        ("8.(a) pasted from the pdf", [("8", "a", None)]),
        ("3b, (ii) please", [("3", "b", "ii")]),
        ("Part b of question 3. (i) derive the conditions", [(None, "b", None), ("3", None, None), (None, None, "i")]),
        ("2. (b) about 100 words", [(None, "b", None)]),  # a list number, then a label
        # a number in a list of choices is no question: "0/1/2/3 (ii) which loss"
        ("how many linear layers 0/1/2/3 (ii) which loss", [(None, None, "ii")]),
        ("Now HW7. Question 7 a: the decoder at step t gets h_t", [("7", "a", None)]),  # a letter and a colon
        ("Q7 b: the tokens during training", [("7", "b", None)]),
        # a sub-part by number after a letter: "3b-2", "3b part one"; none without a letter
        ("3b-2 (hw7), plain ascii, terse", [("3", "b", "ii")]),
        ("8(a)(1) how many layers (0,1,2,3)?", [("8", "a", "i")]),  # a number in brackets after the letter
        # a letter after a space, then the next label of a list ("question 7 a teammate" names no part)
        ("7 b and 7 c. veo un perro", [("7", "b", None), ("7", "c", None)]),
        ("question 7 a teammate", [("7", None, None)]),
        ("7 a — decoder step t gets h_t. one problem?", [("7", "a", None)]),
        ("ok now c, same thing but evaluation", [(None, "c", None)]),
        # a question number in words after "question"/"problem"; a letter and colon heading a line
        ("question seven part a, and part b too", [("7", "a", None), (None, "b", None)]),
        ("question three b part two, the proof", [("3", "b", "ii")]),  # a letter after a number in words
        # after an item closed by a full stop, the next numerals open lines the same way
        (
            "q8 (a) i. how many layers\nii. which loss\niii. which to tick\n(b) small lambda",
            [("8", "a", "i"), (None, None, "ii"), (None, None, "iii"), (None, "b", None)],
        ),
        # ... indented under the letter, or not
        (
            "q8 a) i. how many layers?\n   ii. which loss?\n   iii. which to tick\nb) small lambda",
            [("8", "a", "i"), (None, None, "ii"), (None, None, "iii"), (None, "b", None)],
        ),
        ("Problem two is easy", [("2", None, None)]),
        ("parts:\na: vertical stacking, one problem?\nb: the training inputs", [(None, "a", None), (None, "b", None)]),
        # "#7" names a question after a homework or before a part, not in "issue #12"
        ("Machine translation question (HW7 #7). Part (a) first", [("7", None, None), (None, "a", None)]),
        ("#7 (c) please", [("7", "c", None)]),
        ("see issue #12 on github", []),
        # letters after a lettered label by slashes, one label each
        ("I'll do 7b/c myself", [("7", "b", None), (None, "c", None)]),
        ("the 7b/cm thing", [("7", "b", None)]),
        ("3b part one of hw7 only", [("3", "b", "i")]),
        ("then Q3b part 2: show PCA satisfies them", [("3", "b", "ii")]),
        ("Q7-2 is about the decoder", [("7", None, None)]),
        # numerals side by side are one label each: "8a(i)(ii)(iii)"
        ("hw7 8a(i)(ii)(iii) — one-liners", [("8", "a", "i"), (None, None, "ii"), (None, None, "iii")]),
        ("and (a)(ii) too", [(None, "a", "ii")]),
        # a bare letter the turn restricts itself to; "a" is the article
        ("I'll do 7c later on my own, just b for now.", [("7", "c", None), (None, "b", None)]),
        ("only c, please", [(None, "c", None)]),
        # a bare list after "only need" ("a" is a letter when "and" another follows); it ends at "and"
        ("I only need a and c, b I've done", [(None, "a", None), (None, "c", None)]),
        ("only ii, the first one I have", [(None, None, "ii")]),  # a numeral of two letters or more
        # a bare list of letters ending the sentence after a comma; "a, b and c" is read from its first
        ("I want the token parts, b and c.", [(None, "b", None), (None, "c", None)]),
        ("we compare vectors x, b and c here", []),
        ("just a moment, and just because", []),
        # a number after an operator is algebra: "2ab = 2c", "a² + 2b", "x ≥ 3a"
        ("A: a² + b² ≥ 2ab = 2c so min is when a = b", []),
        ("x = 4a + 2b·3c then x ≥ 3a and y=2c", []),
        ("compare with 7b = the training answer", [("7", "b", None)]),
        ("HW7 4a + 4b. Short please.", [("4", "a", None), ("4", "b", None)]),  # "+" joins labels
        ("a² + 2b is not a label", []),
        # bold around a label is no product; a power is ("x**2c")
        ("**(4)(a) Initial** and **7b**", [("4", "a", None), ("7", "b", None)]),
        ("so x**2c grows", []),
        # "w/" is "with", not a division; a fraction's number is no label
        ("need help w/ 3bi and 3bii", [("3", "b", "i"), ("3", "b", "ii")]),
        # a lone "i" before "too" is the sub-part; letters joined by "+" are a list
        ("and 3b i too i guess, the first bit", [("3", "b", "i")]),
        ("1) q7 b+c — the boxes", [("7", "b", None), (None, "c", None)]),
        ("so x = 2b+c here", []),
        ("then a/ 2c is small", []),
        # full labels joined by slashes, with or without spaces, are a list; so is a lone "i" before one
        ("8ai / 8aii / 8aiii pls", [("8", "a", "i"), ("8", "a", "ii"), ("8", "a", "iii")]),
        ("8a i/8a ii", [("8", "a", "i"), ("8", "a", "ii")]),
        ("7b / 7c", [("7", "b", None), ("7", "c", None)]),
        # a question's letter heading a bare list of letters; a bare letter the turn carries on to
        ("7 a, b, c please", [("7", "a", None), (None, "b", None), (None, "c", None)]),
        ("hw7 q4 b and c. b = ~100 words", [("4", "b", None), (None, "c", None)]),
        # after a question word's number, "a" and a comma is the letter (the article takes no comma)
        ("question 7 a, the teammate", [("7", "a", None)]),
        ("question seven a, the translation one", [("7", "a", None)]),
        ("7 a, the teammate", []),
        ("in question 7 a lot of it", [("7", None, None)]),
        ("same for c (eval time)", [(None, "c", None)]),
        ("ok what about c then", [(None, "c", None)]),
        # a bare letter a sentence opens on after "for", then a comma or a clause about it
        ("so for c it's the same shift?", [(None, "c", None)]),
        # a list of capital letters a turn asks for
        ("for q7 I need B and C: the tokens", [("7", None, None), (None, "b", None), (None, "c", None)]),
        ("can you do A, B and C", [(None, "a", None), (None, "b", None), (None, "c", None)]),
        ("I need B.", []),  # no list: a letter alone is no part
        ("for b, shouldn't w5 be the end token", [(None, "b", None)]),
        ("for a while I thought it was the same", []),  # "a" is the article
        ("good for b i guess", []),  # not a sentence's opening
        # a bare letter an editing verb works on, and the letters listed after it
        ("can you redo b so it sounds less formal", [(None, "b", None)]),
        ("can you redo b and c as one table", [(None, "b", None), (None, "c", None)]),
        ("fix c please", [(None, "c", None)]),
        ("redo a so it reads better", []),  # "a" is the article
        ("rewrite b to be shorter", [(None, "b", None)]),
        ("and for a big batch", []),
        ("and b? what goes into w1..w5", [(None, "b", None)]),
        ("ok and b and c. b is training time inputs", [(None, "b", None), (None, "c", None)]),
        ("the difference between a and b.", []),  # two letters in prose name no parts
        ("c, same thing at eval time", [(None, "c", None)]),
        # a letter likened to the part before it; "b is the same" in algebra follows no such word
        ("ok fair. and then c is the same question but at eval time", [(None, "c", None)]),
        ("so x = b and b is the same as before", []),
        ("A: a² + b² ≥ 2ab so min is when a = b", []),
        ("and a dog?", []),
        # a letter standing alone after a question word's number ("a" is the article, "7 b" a size)
        ("q7 b tokens pls", [("7", "b", None)]),
        ("a 7 b model", []),
        # a numeral of two letters or more after a letter; "i" alone is a word
        ("8a ii loss", [("8", "a", "ii")]),
        # "i" alone is a word, but not before the next numeral of its list
        ("(8a i/ii/iii and 8b)", [("8", "a", "i"), (None, None, "ii"), (None, None, "iii"), ("8", "b", None)]),
        ("8a i, ii and iii", [("8", "a", "i"), (None, None, "ii"), (None, None, "iii")]),
        # a sub-part's number straight after its letter, and the letter again with the next number
        ("Q8 a1 and a3 then (b)", [("8", "a", "i"), (None, None, "iii"), (None, "b", None)]),
        ("8a3 please", [("8", "a", "iii")]),
        ("Q8 a2 and a1", [("8", "a", "ii")]),
        ("Q8 a 3 layers", [("8", None, None)]),
        ("8a i think it is 2", [("8", "a", None)]),
        ("3b i think so", [("3", "b", None)]),
        # ... or when a gloss of a word or two ends its item, and that word does not follow the pronoun
        ("1) 3b i grads. 2) q7 b tokens.", [("3", "b", "i"), ("7", "b", None)]),
        ("3b i gradients + momentum q", [("3", "b", "i")]),
        ("8a i loss\nthanks", [("8", "a", "i")]),
        ("3b i did.", [("3", "b", None)]),
        ("3b i need help", [("3", "b", None)]),
        # ... or when a comma ends its clause right after it
        ("quick: hw7 3b i, gradients of the loss set to 0", [("3", "b", "i")]),
        ("in 3b, i think so", [("3", "b", None)]),
        # a bracketed label after a word the turn goes on with
        ("good. now ii) show the top k components satisfy these", [(None, None, "ii")]),
        ("ok now b) please", [(None, "b", None)]),
        ("then iii) which ones", [(None, None, "iii")]),
        ("cats and dogs) x", []),
        # a minus sign before a number is algebra; a range's dash and a bullet are not
        ("the gradient is -2 E X X^T here", []),
        ("(-2b) x", []),
        ("7a-7c please", [("7", "a", None), ("7", "c", None)]),
        ("- 7b: tokens", [("7", "b", None)]),
        ("for 3b i derived it.", [("3", "b", None)]),
        ("for 3b i got W1 = U_k, right?", [("3", "b", None)]),
        ("Q7 ii is next", [("7", None, None)]),
        # numerals that go on after a lettered label's own, each later than the last
        ("q8 a i ii iii, the l2 one", [("8", "a", "i"), (None, None, "ii"), (None, None, "iii")]),
        ("q8 a i, ii and iii", [("8", "a", "i"), (None, None, "ii"), (None, None, "iii")]),
        ("q8 a ii i think", [("8", "a", "ii")]),
        # a list's last item, a bare letter; a letter glossed in brackets
        (
            "q8: how many layers, what do i tick for (iii), and b",
            [("8", None, None), (None, None, "iii"), (None, "b", None)],
        ),
        # a letter with its numeral straight after it, nothing after the numeral
        ("1) hw7 8aii - which torch loss", [("8", "a", "ii")]),
        ("3bi grads please", [("3", "b", "i")]),
        ("a 3bit quantiser", []),
        ("conditions for 3b i? just that one", [("3", "b", "i")]),  # a numeral before a question mark
        # a list item opening on a question and a lone letter; a "*" bullet is no multiplication
        ("batch:\n- 7 b the decoder's inputs\n- 8 c tick boxes", [("7", "b", None), ("8", "c", None)]),
        ("notes\n* 7b why it fails", [("7", "b", None)]),
        ("we need 7 b params", []),
        ("- 3 b-trees are faster", []),
        ("x * 2c = y", []),
        ("cats, and a dog.", []),
        ("k and c (test time)", [(None, "c", None)]),
        ("and then a (big) dog", []),
        # a bare letter ending its line after a word the turn goes on with; not the last of a list
        ("k. and a", [(None, "a", None)]),
        ("ok and b\nthanks", [(None, "b", None)]),
        ("pls answer a and b", []),
        # a bare letter opening a sentence before the length asked
        ("b in like 100 words", [(None, "b", None)]),
        ("ok. c ~100 words", [(None, "c", None)]),
        ("ok cool. b now. the sampled one says saw", [(None, "b", None)]),  # the turn to it
        ("c next?", [(None, "c", None)]),
        ("do it now. a now", []),  # "a" the article
        ("a 100 words essay", []),
        # Spanish and German question and part words; a Spanish word that only starts like "part"
        ("pregunta 7 inciso a: mi compañero", [("7", "a", None)]),  # as "question 7 part a" reads
        ("Frage zu Aufgabe 8b", [("8", "b", None)]),
        ("help em câu 7a và câu 8a với", [("7", "a", None), ("8", "a", None)]),
        ("questão 3b, item ii", [("3", "b", None)]),
        ("la parte de la pregunta", []),
        # a letter a sentence opens on, then what that part asks; not a plan's letter
        ('thanks. b is "comment what you learned"', [(None, "b", None)]),
        ("and c asks which approach you liked", [(None, "c", None)]),
        ('plan b is "wait"', []),
        # a bracketed letter that names a symbol: "W2 (a)"; a question's number is no symbol
        ("split c = a·b between W2 (a) and W₁ (b)", []),
        ("the decoder (b) and Q7 (c)", [(None, "b", None), ("7", "c", None)]),
        # a lone "i" ending its line after a letter is the sub-part; "i think" is the pronoun
        ("8a i", [("8", "a", "i")]),
        ("8a i think so", [("8", "a", None)]),
        (
            "All of HW7 Q8.\na.i) how many layers?\na.ii) which loss?\nb) is there a bias?",
            [("8", None, None), (None, "a", "i"), (None, "a", "ii"), (None, "b", None)],
        ),
        (
            "Q8. linear AE\na i) how many linear layers\na ii) loss\nb) any bias toward orthonormal W2?",
            [("8", None, None), (None, "a", "i"), (None, "a", "ii"), (None, "b", None)],
        ),
        # a bare letter the user keeps to do themself
        ("nvm I'll do b myself. why bias=False?", [(None, "b", None)]),
        ("what do e mean", []),
        # a bare letter ending its line after a preposition: the part (the article is before its noun)
        ("why is <eos> not in b", [(None, "b", None)]),
        ("is the same true for c?", [(None, "c", None)]),
        ("why is <eos> not in b here", []),
        # ... but in running text a letter and a bracketed numeral is an article: "it is a i) thing"
        ("it is a i) thing", []),
        # a lettered menu of options names no part: "3  B)" is no Q3(b)
        ("(a)(i) number of linear layers: A) 3  B) 2  C) 1  D) 0", [(None, "a", "i")]),
        ("options: (A) 3 (B) 2, then (b)", [(None, "b", None)]),
        # after "part", a colon closes a numeral as a bracket does; a word after it does not
        ("part a iii: which of these would you need", [(None, "a", "iii")]),
        ("part a i think so", [(None, "a", None)]),
        # a spaced letter closed by a question mark is the part; the article never is
        ("can you help with hw7 7 a? (the translation one)", [("7", "a", None)]),
        ("what is a? and q7", [("7", None, None)]),
        # a bare letter after "for" or "about" and before a colon; the article is never followed by one
        ("my guesses for a: 2, MSE, weight decay + SGD", [(None, "a", None)]),
        ("notes about c: the eval tokens", [(None, "c", None)]),
        ("looking for a good answer: any ideas", []),
    ],
)
def test_mentions_in_running_text(text, labels):
    assert [(m.q, m.letter, m.roman) for m in mentions(text)] == labels


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("3b, just the first part for now", [1]),
        ("the second sub-part please", [2]),
        ("can you do the second bit for me", [2]),
        ("second and third part (the w1..w5 ones)", [2, 3]),
        ("the first, second and third subparts", [1, 2, 3]),
        ("first two parts only", [1, 2]),
        ("the last two parts of Q7", [BEFORE_LAST - 1, LAST]),
        ("the second question of the quiz", []),  # a question, not a part
        ("first of all, part b", []),
    ],
)
def test_a_user_names_parts_by_their_place(text, places):
    assert [m.ordinal for m in mentions(text, ordinals=True) if m.ordinal] == places
    assert not any(m.ordinal for m in mentions(text))  # a reply's running text is not read so


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("can you do 7.2 and 7.3?", [("7", 2), ("7", 3)]),
        ("3.1: first order conditions\n3.2: the PCA proof", [("3", 1), ("3", 2)]),
        ("hw7 7.3 eval tokens", [("7", 3)]),
        ("ok wait, about 7.2. my study group says", [("7", 2)]),
        ("| 3.1 | the gradients |", [("3", 1)]),
        ("a 4.3× speed-up", []),  # a number
        ("see section 3.2, then", []),
        ("it took 3.5 hours", []),
        ("reduced to 4.2, then 2.6", []),
        ("I labeled them 7.1, 7.2, 7.3 in my notes", [("7", 1), ("7", 2), ("7", 3)]),
        ("p = 0.3)", []),
    ],
)
def test_a_user_names_a_part_by_its_question_and_place(text, named):
    assert [(m.q, m.ordinal) for m in mentions(text, ordinals=True) if m.ordinal] == named
    assert not any(m.ordinal for m in mentions(text))  # a reply's "## 1.1 ..." numbers its own sections


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("### Second part — training", 2),
        ("**Third sub-part:** evaluation", 3),
        ("## The first part", 1),
        ("First part of the proof: substitute", None),  # no heading: a step of the answer
        ("the second part is easy", None),
    ],
)
def test_a_heading_names_a_part_by_its_place(line, place):
    found = line_label(line)
    assert (found.ordinal if found else None) == place


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # a list marker after a homework's name is no question: "hw7. 1) ..." is not HW7 Q1
        ("two bits of hw7. 1) the PCA one 2) the loss one", []),
        # a number closing a comma list of choices is no question
        ("how many layers? 0, 1, 2, 3 (ii) which loss", [(None, None, "ii")]),
        # ... or a run of them spaced or slashed
        ("(i) how many layers? options 0 1 2 3 (ii) which loss", [(None, None, "i"), (None, None, "ii")]),
        ("(i) layers 0/1/2/3 (ii) loss", [(None, None, "i"), (None, None, "ii")]),
        # a run of lettered items goes on mid-sentence, and after a question mark
        (
            "a) what time? b) ~100 words on what I learned c) the approach",
            [(None, "a", None), (None, "b", None), (None, "c", None)],
        ),
        # ... and so does a run of numbered ones
        (
            "a) in pytorch: i) how many layers ii) which loss iii) what else\nb) why",
            [(None, "a", None), (None, None, "i"), (None, None, "ii"), (None, None, "iii"), (None, "b", None)],
        ),
        # ... with full stops after numerals of two letters or more, past a sentence's end
        (
            "(a) i. how many layers? ii. which loss? iii. what do we need?",
            [(None, "a", "i"), (None, None, "ii"), (None, None, "iii")],
        ),
        # ... or past two spaces that set the items apart, with no stop before them
        (
            "a) i. how many linear layers (0,1,2,3)  ii. which loss: L1Loss, MSELoss  iii. which do you need",
            [(None, "a", "i"), (None, None, "ii"), (None, None, "iii")],
        ),
        ("the losses MSELoss ii. and more", []),
        # ... but not a lone "i." (a word), nor a numeral with no full stop of its own
        ("I tried it. i. e. nothing worked. ii is fine", []),
    ],
)
def test_lists_of_choices_and_runs_of_items(text, labels):
    assert [(m.q, m.letter, m.roman) for m in mentions(text)] == labels


def test_mentions_are_read_once_per_text_and_each_caller_owns_its_list():
    """Segmenting a reply asks for a line's labels several times: the second answer is the first."""
    text = "Parts 7b and 7c, please."
    first = mentions(text)
    assert [(m.q, m.letter) for m in first] == [("7", "b"), ("7", "c")]
    first.clear()  # a caller's changes stay its own
    assert [(m.q, m.letter) for m in mentions(text)] == [("7", "b"), ("7", "c")]
    assert mentions(text, ordinals=True) == mentions(text)


REPO = Path(__file__).resolve().parents[2]
GUARD_SAMPLE_STEP = 40
"""Every 40th file of the dev corpus (about 150), with the bundled transcripts and the cases below."""
GUARD_CASES = [
    "在第3题(b)里",
    "x第 8 题 b",
    "see #7b",
    "foo(b) and (ii)",
    "ok. b and c",
    "done; (c) next",
    "b) first\n  ii) next",
    "hw7 q3b",
    "VII (b)",
    "IV-b and VII.c",
    "and b?",
    "for b, it's",
    "x,and c.",
]


def _guard_texts() -> list[str]:
    dev = sorted((REPO / "tests/corpus/dev").rglob("*"))[::GUARD_SAMPLE_STEP]
    paths = sorted((REPO / "transcripts").iterdir()) + dev
    return GUARD_CASES + [p.read_text(encoding="utf-8", errors="replace") for p in paths if p.is_file()]


def test_the_mention_start_guard_finds_the_same_mentions():
    """The guard is only a speed-up: without it the engine tries every alternative at every position."""
    unguarded = re.compile(labels_module._MENTION_ALTERNATIVES, re.IGNORECASE | re.MULTILINE)
    texts = _guard_texts()
    assert len(texts) > 100
    for text in texts:
        want = [(m.span(), m.lastgroup) for m in unguarded.finditer(text)]
        assert [(m.span(), m.lastgroup) for m in labels_module._MENTION_TRIGGER.finditer(text)] == want


@pytest.mark.parametrize(
    "line, sums_up",
    [
        ("✅ Corrected answer (c): <sos>, I, saw, a, dog", True),
        ("**Final (b):** <sos>, I, see, a, dog", True),
        ("For (ii): the principal components are the columns of U_k.", False),
        ("Now part (ii). I'll follow the SVD approach.", False),
        ("### (ii) The principal components", False),
    ],
)
def test_a_lead_that_sums_up_its_part_is_not_a_turn_to_it(line, sums_up):
    """The text before a summing lead is that part's working; before a turning word, another part's."""
    assert opens_with_lead(line) is sums_up


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("just the last part of 8.", [(None, None, None, -1), ("8", None, None, None)]),
        ("the second part of 3b", [(None, None, None, 2), ("3", "b", None, None)]),
        ("the second part of 3.5 hours", [(None, None, None, 2)]),  # a number, not a question
    ],
)
def test_a_bare_number_after_a_place_and_of_is_a_question(text, labels):
    assert [(m.q, m.letter, m.roman, m.ordinal) for m in mentions(text, ordinals=True)] == labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("back to 7. can you confirm (b)", [("7", None, None), (None, "b", None)]),
        ("ok, moving on to 8: (a) first", [("8", None, None), (None, "a", None)]),
        ("returning to 3 - part (ii) now", [("3", None, None), (None, None, "ii")]),
        ("the loss went back to 4 epochs later", []),  # a count, not a question
        ("back to 7b please", [("7", "b", None)]),  # one label, not two
    ],
)
def test_a_bare_number_a_turn_goes_back_or_on_to_is_a_question(text, labels):
    assert [(m.q, m.letter, m.roman) for m in mentions(text, ordinals=True)] == labels


@pytest.mark.parametrize(
    "lines, open_after",
    [
        (["\\[", "\\text{(B)}\\quad x = 0", "\\]", "(b) text"], [True, True, False, False]),
        (["$$", "\\text{(B)} x", "$$"], [True, True, False]),
        (["$$\\text{(b)}\\quad w_1 = x$$", "(c) next"], [False, False]),
        (["\\[ x = 0 \\]", "\\[ y"], [False, True]),
    ],
)
def test_display_math_blocks_of_several_lines(lines, open_after):
    inside, seen = False, []
    for line in lines:
        inside = display_math_after(line, inside)
        seen.append(inside)
    assert seen == open_after


@pytest.mark.parametrize(
    "line, found",
    [
        ("#### 🏁 How to Train Your ResNet — (a)", ("🏁 How to Train Your ResNet", "a", None)),
        ("### Translation model, part (a)", ("Translation model", "a", None)),
        ("**PCA check — (ii):**", ("PCA check", None, "ii")),
        ("## ResNet blog (c)", ("ResNet blog", "c", None)),
        ("## The first-order conditions (part i)", ("The first-order conditions", None, "i")),
        # the label must end the heading, and a heading it must be
        ("## Why (a) fails", None),
        ("Translation model — (a)", None),
    ],
)
def test_a_heading_that_ends_on_a_relative_label_after_a_title(line, found):
    got = titled_heading(line)
    assert (None if got is None else (got[0], got[1].letter, got[1].roman)) == found


@pytest.mark.parametrize(
    "line, label",
    [
        # JSON and YAML keys, quoted or not, a key's label then words after an underscore
        ('  "b": ["<sos>", "I", "see", "a", "dog"],', (None, "b", None)),
        ('{"a": "Feeding h_t into step t ..."}', (None, "a", None)),
        ('"q7b": ["<sos>"]', ("7", "b", None)),
        ('  "q8a_iii": ["Weight Decay"]', ("8", "a", "iii")),
        ("q8:", ("8", None, None)),
        ("  a:", (None, "a", None)),
        ("    iii:", (None, None, "iii")),
        ('    "i_num_linear_layers": 2,', (None, None, "i")),
        ('  "part_b": "..."', (None, "b", None)),
        # code: a variable named for the part, and an entry of the dict it holds
        ("q7b = ['<sos>', 'I']", ("7", "b", None)),
        ('q8a["iii_needed"] = ["Weight Decay"]', ("8", "a", "iii")),
        # a CSV row's first cell, on a row of several cells
        ("b,<s>,I,see,a,dog", (None, "b", None)),
        # XML elements and INI / TOML sections
        ('<answer part="q7b">', ("7", "b", None)),
        ('  <part id="c">', (None, "c", None)),
        ("<q8a_iii>", ("8", "a", "iii")),
        ("[q8a.i]", ("8", "a", "i")),
        ("[[q7c]]", ("7", "c", None)),
        # not keys: an answer's "A:" in a Q/A layout, code, prose, HTML, footnotes, other keys
        ("A: The answer is two layers", None),
        ("I: think so", None),
        ("i = 0", None),
        ("b = 0.9", None),
        ("a, b, c, d", None),
        ("b,c", None),
        ("answer: 2", None),
        ("baseline_time_s,baseline_acc", None),
        ("<b>bold</b>", None),
        ("<i>x</i>", None),
        ("[1]", None),
        ('x["iii"] = 1', None),
    ],
)
def test_key_label(line, label):
    found = key_label(line)
    assert (None if found is None else (found.q, found.letter, found.roman)) == label
    if found is not None:
        assert line_label(line) == found  # a key line's label is the line's label
