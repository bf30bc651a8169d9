"""Hostile text: how long grading takes (CPU time of the grading process) on answers built to make a
text layer backtrack.

Run: `.venv/bin/python benchmarks/hostile_text.py [--kb 100] [--repeat 3]`.
Each family below is one way a regex engine or a per-mention rescan goes super-linear (long runs
of one character, repeated separators, unbalanced delimiters, CJK, control characters, long
lines). Every family is graded at a small size and at 10x that size, under every question, and
the script prints the time at both sizes and their ratio; the worst case over all families is the
figure `benchmarks/README.md` quotes. tests/text/test_linear_time.py asserts the same ratios.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Callable

# One user turn per part, so that every part's checks read the hostile answer.
QUESTIONS = (
    "Question 3(b)(i): write the first-order optimality conditions.",
    "Question 3(b)(ii): show that the principal components satisfy them.",
    "Question 4(a): what were the baseline and final training times?",
    "Question 4(b): what did you learn from the series?",
    "Question 4(c): which approach interested you most?",
    "Question 7(a): one problem with feeding h_t to decoder step t?",
    "Question 7(b): which tokens go in w1..w5 during training?",
    "Question 7(c): which tokens go in w1..w5 at evaluation time?",
    "Question 8(a)(i): how many linear layers?",
    "Question 8(a)(ii): which loss?",
    "Question 8(a)(iii): select all that apply.",
    "Question 8(b): does a small lambda bias W2 toward orthonormal columns?",
)


def _repeated(unit: str) -> Callable[[int], str]:
    """A family that repeats one unit to at least n characters."""
    return lambda n: unit * (n // len(unit) + 1)


FAMILIES: dict[str, Callable[[int], str]] = {
    "letters": lambda n: "a" * n,
    "equals underline": lambda n: "Answer:\n" + "=" * n,
    "label then letters": lambda n: "Answer:\n" + "b" * n,
    "cjk": lambda n: "编码器的隐藏状态只看到了前面的词" * (n // 16 + 1),
    "and chain": lambda n: "Weight Decay" + ", x and x" * (n // 9 + 1),
    "or chain": lambda n: "Dropout" + " or x" * (n // 5 + 1) + " is not needed",
    "slots": lambda n: "w1 = <sos>, w2 = I, w3 = saw " * (n // 29 + 1),
    "commas": lambda n: "<sos>, " * (n // 7 + 1),
    "arrows": lambda n: "I -> " * (n // 5 + 1),
    "stars": lambda n: "**x*" * (n // 4 + 1),
    "underscores": lambda n: "_x_ _" * (n // 5 + 1),
    "dollars": lambda n: "$W_1 " * (n // 5 + 1),
    "parens": lambda n: "(" * n,
    "brackets": lambda n: "[" * n,
    "latex parens": lambda n: "\\(" * (n // 2 + 1),
    "backslashes": lambda n: "\\mathbf{" * (n // 8 + 1),
    "angles": lambda n: "< " * (n // 2 + 1),
    "not chain": lambda n: "not " * (n // 4 + 1) + "Dropout",
    "negated mentions": lambda n: "Dropout is not needed, Layer Norm is not needed, " * (n // 50 + 1),
    "spaces": lambda n: "Weight" + " " * n + "Decay",
    "control chars": lambda n: "\x1b[2J\x07\x08" * (n // 7 + 1),
    "headings": lambda n: "## (b)\n" * (n // 7 + 1),
    "list items": lambda n: "1. 2\n" * (n // 5 + 1),
    "table": lambda n: "| a " * (n // 4 + 1) + "|",
    "table rows": lambda n: "| Dropout | ❌ |\n" * (n // 16 + 1),
    "words no stop": lambda n: "word " * (n // 5 + 1),
    "sentences": lambda n: "It is not. " * (n // 11 + 1),
    "colons": lambda n: "a: " * (n // 3 + 1),
    "dots": lambda n: "." * n,
    "digits": lambda n: "9" * n,
    "minus": lambda n: "-" * n,
    "pipes": lambda n: "|" * n,
    "hashes": lambda n: "#" * n,
    "quotes": lambda n: "'\"" * (n // 2 + 1),
    "matrix": lambda n: "W_2^T W_2 W_1 X X^T " * (n // 20 + 1),
    "matrix parens": lambda n: "(W_2 " * (n // 5 + 1),
    "superscripts": lambda n: "X^" * (n // 2 + 1),
    "minutes": lambda n: "341 min and " * (n // 12 + 1),
    "number words": lambda n: "two " * (n // 4 + 1),
    "dash leads": lambda n: "(a) — x\n" * (n // 8 + 1),
    "dotted labels": lambda n: "ii. x\n" * (n // 6 + 1),
    "greek words": lambda n: "U_k Lambda_k = " * (n // 15 + 1),
    "answer for": lambda n: "Answer for (a)(iii): x\n" * (n // 22 + 1),
    "part lists": lambda n: "parts b" + ", c and d" * (n // 8 + 1),
    "putting off": lambda n: "I'll do it in my next message " * (n // 30 + 1),
    "already labels": lambda n: "already (a) " * (n // 12 + 1),
    "letter dot numeral": lambda n: "a.iii) b.ii. " * (n // 13 + 1),
    "turn leads": lambda n: "For (b), Corrected (c): " * (n // 24 + 1),
    "kept lists": lambda n: "7b and 7c, " * (n // 11 + 1) + "on my own",
    "rules": lambda n: "---\nword\n" * (n // 9 + 1),
    "answer tails": lambda n: "(b) title — " * (n // 12 + 1) + "Yes",
    # round 7's readings: lead words before absolute labels, set-aside and tried labels, shape and
    # step notes inside formulas, products written as one word, answer lines that name their part
    "absolute leads": lambda n: "Corrected answer for Q4(a): " * (n // 28 + 1),
    "set aside": lambda n: "I've done (a), I tried 7(b) myself, " * (n // 36 + 1),
    "shape notes": lambda n: "V1 := W1 U (k x m) = " * (n // 21 + 1),
    "step notes": lambda n: "W2W1X (by fact 2) = " * (n // 20 + 1),
    "named answer lines": lambda n: "Revised answer for 8b: " * (n // 23 + 1) + "No",
    "keeps that one": lambda n: "(b). I'll do that one myself. " * (n // 31 + 1),
    "option cells": lambda n: "|1" * (n // 2 + 1),  # a table row of options, one per cell
    "roman questions": lambda n: "VII (b) IV (a) I (c) " * (n // 21 + 1),
    "compared slots": lambda n: "| w1 | see | saw |\n" * (n // 18 + 1),
    "pick lines": lambda n: "(iii) Needed: Weight Decay and the Dropout, " * (n // 43 + 1),
    "standing clauses": lambda n: "(ii) is unaffected; (i) stays the same, " * (n // 40 + 1),
    "homework stretches": lambda n: "HW5 Q2(c): dropout? HW7: MSELoss? " * (n // 34 + 1),
    "pointed into": lambda n: "in (i) you have X^T X, in (c) " * (n // 30 + 1),
    "restated labels": lambda n: "Part (c) — Q4(c), " * (n // 18 + 1),
    "turning leads": lambda n: "On **(a)** For **(b)**, " * (n // 24 + 1),
    "second sentences": lambda n: "It asks what you found. I'd rather not. " * (n // 40 + 1),
    "numbered items": lambda n: "Q7:\n1. h_t\n2. during training\n3. x\n**1. y**\n" * (n // 44 + 1),
    "waved steps": lambda n: "similarly it holds by symmetry, clearly " * (n // 40 + 1),
    "bracketed picks": lambda n: "(iii) Weight Decay (for the penalty) and " * (n // 41 + 1),
    "shape notes in words": lambda n: "D := SS^T (diagonal, m x m) " * (n // 28 + 1),
    # round 11: parts by place, runs of bare lettered items, arrows between and after statements
    "parts by place": lambda n: "the second and third part, first two parts " * (n // 43 + 1),
    "lettered item runs": lambda n: "a) x b) y c) z " * (n // 15 + 1),
    "check box rows": lambda n: "[ ] 0 [x] 2 " * (n // 12 + 1),
    "glyph box menu lines": lambda n: "**(iii)** → ☑ Weight Decay ☐ Dropout ☑ SGD\n" * (n // 42 + 1),
    "one long marked cell": lambda n: "| (iii) | " + "✓ Weight Decay · ✗ Dropout · " * (n // 30 + 1) + "|",
    "one long box menu": lambda n: "(iii) " + "☑ Weight Decay ☐ Dropout " * (n // 26 + 1),
    "marked option cells": lambda n: "| (iii) | ✓ Weight Decay · ✗ Dropout · ✓ SGD |\n" * (n // 46 + 1),
    "pick leads": lambda n: "(iii) Components needed: You need two of: Weight Decay, nothing else\n" * (n // 68 + 1),
    "statement arrows": lambda n: "A = B <=> C = D  ← why\n = E \\ ✅ " * (n // 32 + 1),
    # round 13: inline numbered items, spaced numerals, comma pieces, headings named by cue words
    "inline items": lambda n: "lol. 1) q7 b tokens. 2) resnet blog approach. " * (n // 46 + 1),
    "spaced numerals": lambda n: "q8 a i ii iii iv, and b " * (n // 24 + 1),
    "comma pieces": lambda n: "resnet blog baseline, the ResNet series, " * (n // 41 + 1),
    "cue headings": lambda n: (
        "**What I learned**\n### Most interesting approach\n**ResNet blog (4a):** x\n" * (n // 76 + 1)
    ),
    # round 14: NumPy products and transposes, a title line listing parts, paragraphs opening on short leads
    **{
        name: _repeated(unit)
        for name, unit in {
            "numpy products": "W2.T @ (W2 @ W1 - I) @ X.T.T * ",
            "numpy tuples": "W1, W2 = Uk.T, Uk, ",
            "numbered item runs": "i) x ii) y iii) z iv) w ",
            "cited questions": "the essays (hw7 q4). b = what I learned, c = found interesting ",
            "items titled": "- the translation one, part a\n- the resnet blog one, part c\n",
            "explicit matrices": "$$A = \\begin{bmatrix} 0 & 1 \\\\ 1 & 0 \\end{bmatrix} = \\begin{pmatrix} x \\\\ ",
            "paragraph leads": "Q7 (b) and (c)\n\nTraining (teacher forcing). x\n\n**Evaluation (w1 to w5):** y\n\n",
        }.items()
    },
    # round 15: numeral lists, numbered leads, annotated relations, label lists, × signs, bracketed
    # numerals in headings, question titles after "of"
    **{
        name: _repeated(unit)
        for name, unit in {
            "numeral lists": "8a i/ii/iii and 8b, 3b i, ii and ",
            "numbered leads": "1. **Linear layers: 2** x\n2. **Loss: y** z\n3. **Penalty:** w\n",
            "annotated relations": "A \\overset{(1)}{=} B \\stackrel{\\text{def}}{=} \\underset{",
            "label lists": "Yes, (a) and (b) can stay as they are, (c) and ",
            "times signs": "an 8×V100 box, k×m, 8 × ",
            "bracketed numerals": "**2. Loss function (Q8a(ii))**\n**Note (see (ii)) ",
            "titles after of": "Q8(a)(iii) and the last part of the translation question, the first of ",
        }.items()
    },
    # round 17: conditions, labels in display math's text wrappers, values that change to others
    **{
        name: _repeated(unit)
        for name, unit in {
            "conditions": "if ImageNet (a) if days unless ResNet-50 whether ",
            "wrapped labels": "$$\\text{(b)}\\quad w_1 = \\text{I}, \\textbf{(ii)} ",
            "changing values": "the accuracy went from 94% to 96% → 95% to ",
        }.items()
    },
    # round 18: bare letter lists after commas, list markers named again, comparisons, "— no Name",
    # corrected labels, plurals in -ies, quoted questions with requests in words
    **{
        name: _repeated(unit)
        for name, unit in {
            "comma letter lists": "the token ones, b and c, b and c. only ii, ",
            "list markers named": "wait, for 2) isn't it, in 3) and (1) ",
            "comparisons": "the only difference from part (b) is unlike (c) than ",
            "dash no names": "Weight Decay — no Dropout — no Layer Norm — no ",
            "corrected labels": "**Corrected (i): 2** Final (iii): ",
            "plurals in ies": "accuracies strategies accuracy ",
            "quoted requests": "> (i) x\n> (ii) y\ncan you do the second bit, I only need a and c, b ",
        }.items()
    },
    # round 19: glossed numerals, labels after a turning word, doubts naming another part, minus signs,
    # plans naming the parts in order, abbreviated words and mixed subscripts, unrelated turns
    **{
        name: _repeated(unit)
        for name, unit in {
            "glossed numerals": "1) 3b i grads. 2) 8a i loss 3b i x + ",
            "labels after turning words": "now ii) and c) then iii) next b) ",
            "doubts naming parts": "isn't that teacher forcing though? that's part (b). this is the answer to ",
            "minus signs": "is -2 E X X^T = -2b (-3c) ",
            "planned openings": "First I'll redo (i), then look at (ii). Now (ii). ",
            "abbreviations and subscripts": "the regularized linear AE W1 = U_k^T W_1 = Uk^T AEs ",
            "unrelated turns": "and unrelated, the translation question, when training vs when generating ",
        }.items()
    },
    # round 21: slots offered two ways, restricting requests, turns to a place, halves, doubts, headings
    # naming no part, thank-yous before "now"
    **{
        name: _repeated(unit)
        for name, unit in {
            "slot alternatives": "w3 = `see` **or** `saw` / w4 = a or ",
            "restricting requests": "Please only do the second one. please just ",
            "turns to a place": "ok now the middle one (training inputs)? and the last one, ",
            "halves": "the second half the first half, part (a): which loss and which ",
            "doubted parts": "I don't think (i) is right. not sure (ii) is correct. ",
            "unnamed headings": "**What's needed:**\n\n**Loss: MSELoss**\n\n**Layers: 2**\n\n",
            "thank-yous then now": "nice. now cool, next thanks! and ",
            "places next to the last": "the part right before that, the one after it, the previous part ",
        }.items()
    },
    # round 22: list items that open on a question and a lone letter, replies with a heading per item
    **{
        name: _repeated(unit)
        for name, unit in {
            "lettered list items": "- 7 b the inputs\n* 8 c tick\n1) 7a why\n2) from hw6: dropout?\n",
            "a heading per item": "## What goes in\n\nsee\n\n**Clipping**\n\n",
            "item marks in a line": "x * 7 b - 3 c * 2c ",
            "described pieces": "the first half, and also the bit asking which approach interested me? ",
            "questions apart": "the translation problem while training. And how many linear layers? ",
            "turns to the next": "ok thanks. next ok. but fine. last one, for my micro econ class ",
        }.items()
    },
    # round 23: labels answered again, display blocks left open, picks that stay, thank-yous that remark,
    # checks of the user's own work
    **{
        name: _repeated(unit)
        for name, unit in {
            "revision labels": "**(i), completed.** x\n**Corrected (ii).** y\n### (i) (revised)\n",
            "open display blocks": "\\[\n\\text{(B)}\\quad x = 0,\n$$\n",
            "picks that stay": "my final answer for (a)(iii) stays: Weight Decay, with Dropout not needed; my answer "
            "remains ",
            "thank-you remarks": "Thanks, that table for (iii) is really helpful. thanks, w/ 3bi and 3bii ",
            "checks of my work": "double check my conditions from the first half, look over my answer to part b ",
            "symbol headings": "🔹 Stacking issue\n\n▶ PCA check\n**Network size → 2**\n",
            "described then named": "the orthonormal lambda one from q8, the small-lambda one: thanks! 7c ",
            "numbered across questions": "1. q7 b+c only\n2. q7c\n3. 3b(i) and 3b i too\n2. One layer\n",
        }.items()
    },
    # round 24: picks announced with a colon, letters likened to the part before, bulleted and inline
    # numbered asks, numbered and glossed leads, section titles ending on a stance
    **{
        name: _repeated(unit)
        for name, unit in {
            "announced picks": "You need exactly two of them:\n- **Weight Decay** — yes\nNot needed:\n- Dropout\n",
            "likened letters": "ok fair. and then c is the same question but at eval. b is the same thing ",
            "bulleted asks": "- how many lin layers do i need\n- which loss fn, L1 / MSE?\n* and the last bit: ",
            "inline numbered asks": "problem: (1) the stacking one. (2) during TRAINING. also Q8a: how many? ",
            "glossed leads": "**(2) Evaluation — free running.** x\n**Training (teacher forcing)** - y\n"
            "### Part 2 — z\n",
            "stance titles": "4. Orthonormal columns with small λ — yes, approximately\n🚂 **While training**\n",
            "formula numbers": "the objective (1/n)||X - W2 W1 X||^2 + 2/k, much better. and for 3, isn't that ",
        }.items()
    },
    # round 25: plain-text headings, long Markdown headings, counted asks, numbered sections and items,
    # reworks by number
    **{
        name: _repeated(unit)
        for name, unit in {
            "plain headings": "Setting the gradients to zero\n\nSo a stationary point must satisfy\n\n  x = 0\n\n",
            "long headings": "### 🚩 What goes wrong if step *t* of the decoder gets $h_t$\n## Summary\n- Loss: x\n",
            "counted asks": "Two bits of the translation question. Two things from HW7. the 'lessons you took' one ",
            "numbered replies": "1. **Two.** x\n2. **`nn.MSELoss`.** y\n**Number of linear layers: 2.** z\n",
            "reworks by number": "can you redo 1 and 2? after deriving the conditions, I'll expand it myself. ",
        }.items()
    },
    # round 26: titled headings ending on a label, ordered asks, numerals with full stops, bracketed
    # asides, places after a question, sentences that turn from the only options
    **{
        name: _repeated(unit)
        for name, unit in {
            "titled headings": "#### 🏁 How to Train Your ResNet — (a)\n**Part 2 — does small λ bias W2?**\nx\n",
            "ordered asks": "First I need the conditions (I already wrote them), and then I have to show, ",
            "numeral runs": "(a) i. how many layers? ii. which loss? iii. what? q8, all of it. then the last bit ",
            "only options": "you need only weight decay and the SGD optimizer: while dropout ☑, SGD ☑. ",
            "brace labels": "$\\underbrace{W_1 U}_{V_1} \\overbrace{x}^{ ",
        }.items()
    },
    # round 27: labels joined by slashes, a pick announced by a line's last sentence, words that say no
    # after a verb, the bits of a question, relative labels the chat's question lacks
    **{
        name: _repeated(unit)
        for name, unit in {
            "slashed labels": "8ai / 8aii / 8aiii pls, 8a i/8a ii, 7b / 7c / ",
            "last-sentence picks": "Dropout would change it. So as written you need only: ",
            "words saying no": "Dropout, Layer Norm and Batch Norm are all unnecessary (saw is irrelevant here). ",
            "bits, lacking labels": "the three bits of question 7 and the last part of 8. for (c), ",
        }.items()
    },
    # round 28: list items asking several parts by their questions, a reply's own numbered steps, bold
    # titles with their answer after a colon, lettered lists naming their own questions
    **{
        name: _repeated(unit)
        for name, unit in {
            "asking pieces": "- the pytorch ones: how many linear layers, which loss, and which of x, ",
            "own steps": "**1. Teacher forcing**\nx\n**2. Shifted**\ny\n**3. The inputs**\n",
            "colon titles": "**Orthonormal columns for small λ: Yes.**\n",
            "lettered questions": "a) hw6 dropout?\nb) hw7 q7a stacking\nc) hw7 the RNN translation one\n",
        }.items()
    },
    # round 29: retracted shortcuts beside retracted conditions, products after a transpose written
    # unspaced, the eigen relation and its chains, teacher forcing said of evaluation
    **{
        name: _repeated(unit)
        for name, unit in {
            "retractions": "the by-symmetry shortcut doesn't hold; it would fail for a generic U_k, ",
            "transposed products": "U_kᵀU_kᵀXXᵀU_k = U_kΛ_k = (U_kU_kᵀ − I)U_kΛ_k ",
            "still teacher-forced": "at inference it is still teacher-forced, shifted right, vs training while ",
        }.items()
    },
    # round 30: a cited question's asking sentences with dotted ranges, what a part was for, bracketed
    # descriptions, parts described before their question, closed pick lines, option key columns
    **{
        name: _repeated(unit)
        for name, unit in {
            "cited asking sentences": "the seq2seq question (q7). can you give w1..w5 for training and eval. ",
            "what a part was for": "the sampled one was only for part b, it's just for (c), ",
            "bracketed descriptions": "the ResNet reading (the one about fast CIFAR10 training) (the one about ",
            "described before a question": "also the teacher forcing question from q7 and the bit from ",
            "closed pick lines": "**Weight Decay** and the **SGD optimizer** — nothing else.\n",
            "option key columns": "| sum of squares | `nn.MSELoss` |\n| absolute values | `nn.L1Loss` |\n",
        }.items()
    },
    # round 31: tasks set after a whole question, numbered sub-parts in brackets, questions named by
    # title in their own sentences, offers of a part still to come
    **{
        name: _repeated(unit)
        for name, unit in {
            "tasks after a question": "hw7 q7, translation. state one problem. explain the stacking. give ",
            "bracketed sub-part numbers": "8(a)(1) 8(a)(2)(3) question three b part two (4)(a)(1) ",
            "titled sentences": "second, the resnet blog q, what was the baseline. how fast did the ResNet series ",
            "offers to come": "Let me know if you'd like me to go through part (ii) next! I can do (c) later if ",
            "dotted item lines": "q8 (a) i. layers\nii. loss\niii. tick\n(a) i. x\nii. ",
            "claims by place": "the last one is no, the first one should be the second one ",
            "quoted stances": 'I think **"No"** is the better answer, "yes" is the correct ',
            "items naming two parts": "- the training one AND the eval one (the second half of the q, ",
            "going-on sentences": "the resnet blog (q4). what? then also plus next and then ",
            "tasks after a colon": "another one from 3b (ii): show it. one from 8(a): derive ",
            "bare role words": "User\nq7 b?\nAssistant\n<sos> I see\nModel\nAI:\n",
            "needs stated": "the PCA problem. I need the proof part. i'd like the bit. help me ",
            "quoted drafts": "> one two three\n> four five\nnot quoted\n>\n",
            "long bold lines": "\n**" + "word " * 40 + "**\n\n",
            "draft headings": "You're right.\n**(c) Most interesting approach, revised**\n### 4(c) x\n",
        }.items()
    },
    # round 32: requests beside a pasted answer, doubts naming a part, asides before a colon, offers
    # to go on, unmarked questions, fenced code in user turns
    **{
        name: _repeated(unit)
        for name, unit in {
            "pasted fix requests": "(a) x\n(c) y\nfix both pls, fix b pls, keep a and c, so redo c too and ",
            "bare letters and numerals": "a b c i ii iii a and i is a, i and ",
            "doubts naming a part": "wait isnt that the training one, part b? isn't it (c) ",
            "asides before a colon": "Q8 (the regularized autoencoder): how many layers (x) (y): ",
            "offers to go on": "Would you like me to go on and show that the principal components satisfy ",
            "unmarked questions": "Q8: how many layers do I need, and which loss. what is needed. do i ",
            "fenced code in turns": "```\nweight_decay=lam\n~~~\n``` x ```\n",
            "claims put back": "was progressive resizing actually in that blog? is it really was are did ",
            "earlier-answer columns": "| | Yours | Correct |\n|---|---|---|\n| (ii) | L1Loss | **MSELoss** |\n",
            "thanks at the end": "ok that makes sense, dropping the dropout. thanks a lot thank you ",
        }.items()
    },
    # round 33: the user's own numbering (Q1., (i), 1.1), question numbers that slip, dotted labels,
    # a reply's own letters and "Answer N" headings, boxed answers, plans of a reply
    **{
        name: _repeated(unit)
        for name, unit in {
            "own Q-numbering": "Q1. how many layers\nQ2. which loss\nQ3. what to tick\ndo Q1 and Q3, Q2 myself ",
            "own two-level numbering": "1.1 conditions\n1.2 show\n2. orthonormal\nredo 1.2, for 2 i need 1.x ",
            "slipped question numbers": "Q6a from hw7: the translation thing. 6b - teacher forcing, w1 ",
            "dotted labels": "can you do 7.2 and 7.3, 3.1: x 7.1, 7.2, 7.3 about 4.2. ",
            "own letters in a reply": "**(a) Training (Teacher Forcing)**\nx\n**(b) Evaluation (Inference)**\n",
            "answer headings": "### Answer 1\nx\n### Answer 2\n### Part 3 — y\n",
            "boxed answers": "$$\\boxed{2}$$ \\boxed{\\text{x}} \\boxed{{{ ",
            "plans of a reply": "Let's start with part (i); I'll set up (ii) afterwards; (iii) ",
        }.items()
    },
    # round 34: labels the user corrects, bare letters after editing verbs, own answers brought to be
    # checked and confirmed, sentence ends after closing marks, "the other one", naming what was rejected
    **{
        name: _repeated(unit)
        for name, unit in {
            "corrected labels": "question 3c (ii)?? i think its actually 3b, sorry, 8a i mean 8b. ",
            "editing verbs on letters": "can you redo b and c so it reads better, fix c please, rewrite b to ",
            "own answers checked": "check my answers: (a) x (b) <sos> I see (c) ok? i already did (i), is that right? ",
            "confirmations": "### (a) ✅ Good\nlooks good\n### (b) ✅ Correct\nfine\n",
            "sentence ends after closers": "**Answer: `nn.MSELoss`.** `nn.L1Loss` would. ",
            "the other one": "same for the other one, and the remaining part? one of the other one ",
            "naming what was rejected": "SGDR isn't in the series. That's SGDR. It is SGDR. ",
        }.items()
    },
    # round 35: answers that take back what they said, headings that frame what is under them as
    # wrong, numbered plain-text headings under a title
    **{
        name: _repeated(unit)
        for name, unit in {
            "taken back": "w3 = saw. Actually, wait — that's not right. Wait, no. x\nHmm, wait: y\n\nCorrection: z ",
            "framing headings": "\nCommon wrong answers (and why)\n\n| <sos>, I, see | x |\n- Dropout\n",
            "subjects that say none": "and nothing in the series uses X, none of the posts used, no post. ",
            "letters ending lines": "k. and a\nok and b\n8a i\nanswer a and b\nalso c.\n",
            "letters before a length": "b in like 100 words. c ~100 words. ok. d 99 word\nb in about ",
            "places from the end": "the last two parts of problem 7\nok c? thanks, b? i did a, i just need ",
            "numbered plain headings": "\nMachine Translation Notes\n\nPart 1 - Problem with feeding h_t into t\n\n",
        }.items()
    },
    # round 36: sections numbered in a reply's own order, labels after words that take a part up again,
    # a place after a label, sentences that place what was denied elsewhere, MATLAB primes and
    # definitions, headings that list parts
    **{
        name: _repeated(unit)
        for name, unit in {
            "sections in own order": "\n### Part 2 — First-order optimality conditions\n### Part 1 — Decoder step t\n",
            "parts taken up again": "**Revisiting (a):** x\n(c) Correction to (c) above: y\nReconsidering (ii): z\n",
            "the next one after a label": "b) tokens in training and the next one, the following part, ",
            "placed elsewhere": "SGDR is not in the series. It is closely associated with fast.ai's SGDR. ",
            "primes": "W2' * (I - W2*W1) * X*X' = 0, (W1*X)'' 'see' E = (I - W2W1)X ",
            "html markup": "<b>(a) x</b><br>&lt;sos&gt;<p><i>y</i></p><h3>z</h3><li>w</li>< b><br/ ",
            "formulas held on a set": "$(I-P)v = 0$ for every $v \\in S$, for all $x$ in the span of ",
            "other scripts": "结论：会，存在偏向 $W_2 W_1$ `nn.Linear` हाँ, यह सही है Да ",
            "questions by number": "\n4) How to Train\n  a) x\n7) seq2seq\n  b) y\n**4**\n(a) z\n## 7.\n",
            "separated answers": "**(a)** 2 · `nn.MSELoss` · WD • SGD · ",
            "definition lists": "\nLoss function\n:   nn.MSELoss\n\nComponents needed\n:   WD\n",
            "headings that list parts": "**(b) & (c) Both**\n\npara one\n\npara two\n\n### (a)(i) & (ii) — x\n",
        }.items()
    },
    # round 37: question headings over leads, a paste's own question numbers, answers to the user's
    # numbered items, ticked menus, reasoning blocks, Chinese labels
    **{
        name: _repeated(unit)
        for name, unit in {
            "question sections": "\n## Machine translation\n\n**Training inputs.** x\n\n## How to Train Your ResNet\n",
            "own question numbers": "\nQuestion 1: Problem with h_t\n\nx\n\nQuestion 2: Decoder inputs\n\n",
            "answers to numbered items": "**Answer to Question 2:**\n\nA. **B. Why not feed hₜ into step t**\n\n",
            "ticked menus": "☐ nn.L1Loss ☑ **nn.MSELoss** ☐ [x] one encoder and one decoder ☐ ",
            "reasoning blocks": "<think>Q1. Candidates: x</think> y <think> z ",
            "chinese labels": "第3题(b) 第 (i) 部分：第8题b 第2个 第 ",
            "questions numbered by title": "\nPart 1 — How to Train Your ResNet\nPart 2 — seq2seq\n 1(c) and 2(b) ",
        }.items()
    },
    # round 38: the user's own marks in capitals and under own sections, a request glued to a list,
    # clauses that turn to another part
    **{
        name: _repeated(unit)
        for name, unit in {
            "capital marks": "\n(A) layers\n(B) loss\nB1. conditions\nQ-A: baseline\n## B2 — x\n(A) and Q-B ",
            "own sections": "\n1. autoencoder\n   1a. conditions\n   1b. show\n2. seq2seq\n   2a. x\n1b and 2a ",
            "glued requests": "\n(a) x\n(b) y\ncould you check (a)? ",
            "turned clauses": "For (a), x; for (b), y w1..w5, whereas at evaluation (c) z. ",
            "letters after for": "so for c it's x. for b, y? what about c then I need B, C and D and ",
            "sections of parts": "\nSection A\n (i) x\nSection B\n Part 1. y\n (ii) z\nPart 2. w\nB part 1(ii), 2 ",
            "exercises by title": "\nExercise 3 is about the ResNet posts\n 3(a) x\nExercise 4 is a seq2seq\n 3(c) ",
            "own headings": "\nProblem I (x)\n (a) y\n (b)(ii) z\nExercise B\n 1. w\n I(b), II(a)–(c), B items 1 and ",
        }.items()
    },
    # round 39: lists left unchecked, symbols named in brackets, parts asked by "b is ...", headings
    # ending on a short answer, answers that decline one figure
    **{
        name: _repeated(unit)
        for name, unit in {
            "left unchecked": "Leave Dropout, Layer Norm and Batch Norm unchecked, with SGD out. ",
            "symbols in brackets": "split c = a·b between W2 (a) and W₁ (b), U_k (c) ",
            "letters asking": 'thanks. b is "what you learned". and c asks which ',
            "short answer headings": "(b) Inductive bias toward orthonormal columns in W2: Yes [revised]\n",
            "declined figures": "341 s to 94%. I'd rather not guess the final time. ",
            "foreign labels": "pregunta 7 inciso a: la parte de la Aufgabe 3b Teil (i)\n## 第7题\n**Inciso (b)** ",
            "all except": "(iii) All of the above except Dropout, all five but Layer Norm and ",
            "faq leads": "**Q1. x?**\n\n**A.** y ... z\n**Q2. w?**\n**A.** v (your part a)\n",
        }.items()
    },
    # round 40: questions a turn goes back to by number, picks led by "What you need:", hints in place of an answer
    **{
        name: _repeated(unit)
        for name, unit in {
            "turned to": "back to 7. moving on to 8: back to 4 epochs, returning to 3 - ",
            "what you need": "(iii) What you need: **Weight Decay + SGD**, nothing else ❌ (drop Batch Norm)\n",
            "hints instead": "here are some hints rather than the full answer, to reason through yourself. ",
            "argued stances": "I'd say no: I'd argue that it does; No, not exactly. The answer is affirmative ",
            "what i needed": "thanks, (a) is what i needed. back to 7. (b) is perfect, now (c) ",
        }.items()
    },
    # round 41: parts asked on in mid-sentence, introductions that ask pasted parts by label, completing headings
    **{
        name: _repeated(unit)
        for name, unit in {
            "and then": "give me (i), and then the follow-on where you prove it, and also the loss, plus ",
            "asked by intro": "q7 b and c check pls\n\nb) x\nc) y\n\nwho's right? ",
            "completing": "## 🔧 Fix to (i): the gradient\n## Completing (ii): the condition\nFinishing (b) ",
            "clock times": "| 5:41 | 0:26 min | 12:345 | 1:2:3 | 10:59:59 | ",
            "glued marks": "You said:hey\nChatGPT said:ChatGPT said:Sure\nYou said:You said:You said:x\n",
        }.items()
    },
    # round 42: lettered menus of options and picks by letter
    **{
        name: _repeated(unit)
        for name, unit in {
            "lettered menus": "layers: A) 3  B) 2  C) 0  D) 1 (A) nn.MSELoss (B) x\nA. SGD\nB. Dropout\nC) ",
            "letter picks": "**(a)(i): B** A, C and E → **D** Answer: C (two) B) 2 A + B / C or D ",
            "numbered questions": "**4.** About the Myrtle.ai ResNet series. (a) x? (b) y\n7) RNN translation (b) ",
            "hint asks": "a hint only pls, don't solve it. Sure! Here's a nudge without giving it away: Hint: ",
            "rewrite asks": "even shorter, for a slide? say that in one sentence, rephrase it as bullets ",
            "boxed rows": "\\boxed{\\begin{aligned} W_2 &= U_k, \\\\ W_1 &= U_k^T \\end{aligned}} \\boxed{ ",
            "part numerals": "part a iii: part b ii: part c i think (a) ii: Roughly, yes. Essentially no: ",
        }.items()
    },
    # round 43: structured data the user asked for (keys, delimited tables, XML slots, INI sections)
    **{
        name: _repeated(unit)
        for name, unit in {
            "structured keys": '"b": ["<sos>", "I"],\n  a:\n    iii:\nq7b = [1]\nb,<s>,I,see,a,dog\n'
            '<answer part="q7b">\n[q8a.i]\n',
            "delimited tables": "```tsv\nslot\ttraining\tevaluation\nw1\t<sos>\t<sos>\nw2\tI\n"
            "```csv\npart,w1\nb,<s>\n```\nx\ty\tz\nu\tv\n",
            "xml slots": "<w1>&lt;sos&gt;</w1> <w2>I</w2> <w3>see</w3></w4> <w5 ",
            "keyed values": 'final_time_s = 26\n"baseline_time_s": 341\nanswer = Yes\n"answer": "no",\n'
            "The same goes for ",
            "read aloud": "three hundred and forty-one twenty-six ninety four w one is the start of sequence "
            "token, then I, then S O S ",
            "spoken math": "the gradient with respect to W one is two, times the quantity W two W one minus the "
            "identity, times X X transpose equals zero W sub k U k ",
            "html pastes": "<p>x</p><ul><li>w<sub>1</sub> = <code>&lt;sos&gt;</code></li><h3>(b)</h3><td>a</td>"
            "<br><sos> <",
        }.items()
    },
    # round 44: quizzes, notes with blanks, practice tests with a key, a grader's deductions, plain blocks
    **{
        name: _repeated(unit)
        for name, unit in {
            "quiz prompts": "quiz me on q8! **(i)** How many layers? (0, 1, 2 or 3) Exactly — two. Show that ",
            "blank notes": "- how many linear layers: ???\n[3] U_k^T [4] ___ (ii) take W_1 = [12] ",
            "answer keys": "**Problem 1.** Which? A) x B) y\n# Answer Key\n**Problem 1. B** **2.** ANSWER KEY\n",
            "deductions": '**Deductions**\n- −4: ImageNet\n- -1 pt: no\nDock: "1" → 0; (i) 1 pt. ',
            "plain blocks": "```\n(a)(i) layers: 2\n(b) yes\n```\n```python\n(c) x\n``` w5 = dog\n",
            "latex documents": "\\subsection*{(a)(i) x}\n\\begin{tabular}{ll}\n(b) & <sos> \\\\ a & & b\n",
            "diffs": "```diff\n--- a\n+++ b\n@@ -1 +1 @@\n-w3 = saw\n+w3 = see\n ### (b)\n```\n```diff\n+x\n",
            "spoilers": "Answer: ||**Yes.**||\n||2 layers|| <details><summary>x</summary> ||a||b|| ",
        }.items()
    },
    # round 45: option lists, textbook exercises, score tables, postscripts, variants, odds, struck heads
    **{
        name: _repeated(unit)
        for name, unit in {
            "option lists": "(i) layers: (a) 0 (b) 1 (c) 2 (d) 3\n- **(a) 0** — ❌ x\n1) L1 2) MSE 3) CE (iii) 1 and 5",
            "textbook exercises": "**Exercise 9.4.1 (x).** y\n**Exercise 9.4.2.** *Solution.* <sos>, I\n## 9.4 ",
            "score tables": "| Part | Max | My score |\n|---|---|---|\n| (a) | 4 | 3 (no) |\n| **Total** | **10** |\n",
            "postscripts": "**Edit:** I need to correct (b): <sos>, I, see\nP.S. for (c), saw. Update — (a) ",
            "variants": "### What if it sampled the dog?\nExtra scenario: x\n- what-if: <s>, I\nSummary:\n",
            "odds and struck heads": "- Dropout — 5%. - Weight Decay (~95%)\n- ~~ImageNet~~ — other work ~~a~~ ",
        }.items()
    },
    # round 46: LaTeX lists, markup inside phrases, picks by place, counts before lists, sections by number
    **{
        name: _repeated(unit)
        for name, unit in {
            "latex lists": "\\begin{enumerate}[label=(\\alph*)]\n\\item[(b)] x\n\\begin{itemize}\n\\item y\n"
            "\\end{itemize}\n",
            "markup in phrases": "two `nn.Linear`  layers, **weight**   decay and  *SGD*    optimizer  ",
            "picks by place": "choices are 0, 1, 2, 3. Tick the **third box**; the first and the last box, "
            "the middle one: one and one ",
            "counts and sections": "3 things\n(a) x\nyour part 1 and part 2, walk me through it with questions ",
            "sparse lists": "2; nn.MSELoss; WD + SGD / a / b; <SOS>; I; saw / `x` / y. whats one problem with that? ",
            "titled parts": "## The first-order conditions (part i)\n# Regularised linear autoencoder — x\n"
            "**Step 1 — y** ",
            "continuations": "**User**\n\nyou got cut off, continue\n\n**Assistant**\n\n- w4 = a …wait, fix ",
        }.items()
    },
    # round 47: labels said aloud, answers counted by ordinal leads, one prose paragraph per part
    **{
        name: _repeated(unit)
        for name, unit in {
            "spoken labels": "question ate be and seven be, see and dee part eye three be to queue 4 see "
            "question for is ",
            "ordinal leads": "Got it. First, the state h_t. Second, teacher forcing: x. For the last one, y. "
            "Finally, z. ",
            "prose paragraphs": "The series opens on 341 seconds to 94% accuracy.\n\nWhat I learned is profiling.\n\n",
            "box menus across": "| 0 | 1 | 2 |\n|:-:|:-:|:-:|\n| ☐ | **☒** | ☐ |\n| ☐ | ☐ |\n|-|\n|\n",
            "label glyphs": "3⒝ ⒤ 【b】 «c» （ｉｉ） 𝐚 ⅱ 【【 «« 〔7b〕 \n**Card 1 — 3b(i)** Slide 2: Q7 [b] x[i] [[[ ",
        }.items()
    },
    # round 48: thinking before a reply, hints, sub-parts said in words, form numbering, marked options
    **{
        name: _repeated(unit)
        for name, unit in {
            "thinking": "Thought for 9s\n\nOkay, so let me think. Hmm, wait, the user asks x.\n\n<think>y "
            '<details type="reasoning"><summary>Thought</summary> ',
            "hints announced": "Here are some hints for (b). Remember x. Is it y? give me hints one step at a "
            "time, not the whole solution. best written in your own words. ",
            "sub-part words": "Part a, sub part one. Sub part two. subpart 3, sub-question (2) Part a, part (i) ",
            "form numbering": "5.2: which tokens\n5.3: at eval\n### Question 5.2 — Training\nmy guesses for a: ",
            "marked options": "**Final:** Weight Decay ✅, SGD ✅, Dropout ❌.\n| Progressive resizing | ❌ |\n"
            "| No | ❌ → Yes |\n\\begin{enumerate}[label=$w_{\\arabic*}$ =]\n\\item <sos> ",
        }.items()
    },
    # round 49: menus lettered the user's way, slots in columns, reasons for a part, cut-off replies
    **{
        name: _repeated(unit)
        for name, unit in {
            "menu marks": "Q8 a(ii):\nA nn.L1Loss\nB nn.MSELoss\na. Dropout\nb. Weight Decay\n- B) `nn.L1Loss` is x\n",
            "slot columns": "w1  -->  <sos>\nw2   I\nw3 see\nw4 ⟶ a\nYour (1) — what you asked in 3: 2 ",
            "reasons and cuts": "### Why (b) uses it\nnone of which appear. you got cut off. Sorry — continuing. "
            "ok cool. b now. loss fn. for my final project ",
        }.items()
    },
    # round 50: verdicts that keep and drop, true/false cells, rows marked with the user's items, numbered menus
    **{
        name: _repeated(unit)
        for name, unit in {
            "keep and drop": "So my answer stays the same: keep **Weight Decay ✅** and SGD; leave Batch Norm (and "
            "Dropout, Layer Norm) out. dropout, no. SGD (not dropout/layernorm). - W_1 = U_k — wrong. **Drop.**\n",
            "verdict cells": "| a | Q7(a): doubles params | **False** | x |\n| 3 (i) | 8(a)(i) | **2** | y |\n"
            "| Option | Your pick | Needed? |\n| Dropout | ✓ | ❌ no |\n**Verdict: True.** **Correct** — ",
            "numbered menus": "1) 0\n2) 1\n3) 2\n4) 3\n1) <sos>\n2) I\nw1 = 1, w2 = 3, option number is 3) "
            "a) (a)(i) x\nb. q4(a): y\none at a time. checking 2 answers. i already did b and c ",
        }.items()
    },
    # round 51: labelled answers side by side on one line, answer sheets under the user's own marks
    **{
        name: _repeated(unit)
        for name, unit in {
            "side by side labels": "Q7(b): <sos>, I, see    Q7(c): saw ; (b): x | (c): y  • Q8(a): 2    ",
            "own marks and sheets": "**P1 — Q3b**\nP1 (Q3b, x)\nP2. y\n## 4  How to Train\n(a) x\nLet's start with "
            "7(a): z. not asking about the token parts (b)/(c) yet. 3(b) and 4 and 8. So the answers above stand. "
            "the data-loading fix. **Fix:** 4) yes, because weight decay\n",
        }.items()
    },
    # round 52: run-on lines that lost their breaks, answers said in running text, announced picks
    "run-on labels": lambda n: (
        "(a) Problem with h_t: " + "x. (b) Training time: y. (c) Evaluation: z. " * (n // 44 + 1)
    ),
    **{
        name: _repeated(unit)
        for name, unit in {
            "said to have": "For HW7 3(b)(i) I have dL = 2 W. I already have (i): x. check mine. options 0 1 2 3 (ii) "
            "it's for 4a. physics 7B: y. like 8 posts total and the last one was z. ",
            "conclusion picks": "So: Weight Decay + SGD optimizer. You'd tick Weight Decay and SGD, and leave the "
            "other three unticked. To optimize it exactly as written, you need: So the answer is:\n- Dropout\n",
        }.items()
    },
    # round 53: counts said by parts, hasty labels, refusals, plain numbered titles, zero matrices
    **{
        name: _repeated(unit)
        for name, unit in {
            "counted-off parts": "One nn.Linear for the encoder and one for the decoder, each one, Problem 8.1, "
            "a ii) loss  iii. which, why is <eos> not in b\nnvm I'll do b myself. what you did for (c) ",
            "refusals and titles": "I won't fill in the answer choices for you.\n\n3) Most interesting\n\n"
            "x -> W1 x -> W2 W1 x. I thought the answer was $\\begin{bmatrix} 0 \\\\ 0 \\end{bmatrix}$ ",
        }.items()
    },
    # round 54: the reply's own numbers and places, announced parts, joined question numbers, slot ranges
    **{
        name: _repeated(unit)
        for name, unit in {
            "own numbers": "**Q1 — Training**\n\n## Question 2 — Evaluation\n\n2. What I learned (~100 words)\n\n"
            "Item 3. Components needed\n\nin Q1 you never use it but in Q2 you do. the last one, for 1, in 3 why ",
            "joined and ranged": "Let me think about 7c first. do 3b, 7 and 8 (skip) questions 7 and 8, "
            "w1..w5 = <sos>, I, saw, a, dog; w_1, ..., w_5 = <sos>, I, see, the, dog\n   ii. loss? I'd lean towards ",
        }.items()
    },
    # round 55: cut-off replies and their rests, stays-as-it-was headings, Roman question numbers, waved values
    **{
        name: _repeated(unit)
        for name, unit in {
            "cut and continued": 'you stopped at "the" — wifi dropped. continue pls\nHere\'s the rest of the answer:\n'
            "### (b) — stays as it was\nWith teacher forcing, the\n**Q8(a)(iii)**\n### A. Q7(b): x ⚠️ ",
            "roman and valued": "IV-b What I learnt VII.a ### 2) 8(a)(iii) — so it also vanishes at W1 = U_k^T, "
            "W2 = U_k by the same argument for any W1 = QU_k^T. pls check these hw7 answers, then the last one ",
        }.items()
    },
}


def conversation_text(family: str, n: int, salt: int = 0) -> str:
    """A Markdown chat of about n characters: each part asked in turn, each answered with n/12
    characters of hostile text (so every part's checks read it). `salt` makes each run's text
    new, so no cache of an earlier run answers it."""
    size = max(n // len(QUESTIONS), 1)
    body = FAMILIES[family](size)[:size]
    return "".join(f"**User**\n\n{q} ({salt})\n\n**Assistant**\n\n{body} {salt}\n\n" for q in QUESTIONS)


_RUNS = [0]


def grade_seconds(family: str, n: int) -> float:
    """Wall time to read and grade one hostile conversation (rubric loaded beforehand)."""
    from hw7grade.errors import TranscriptError
    from hw7grade.grading.score import grade_conversation
    from hw7grade.transcripts import parse_transcript

    rubric = _rubric()
    _RUNS[0] += 1
    text = conversation_text(family, n, _RUNS[0])
    start = time.process_time()
    try:
        for conversation in parse_transcript(text, f"{family}.md"):
            grade_conversation(conversation, rubric)
    except TranscriptError:
        pass  # refusing the file (no answer in it) is an outcome too; its time still counts
    return time.process_time() - start


_RUBRIC = None


def _rubric():
    global _RUBRIC
    if _RUBRIC is None:
        from hw7grade.rubric.model import load_rubric

        _RUBRIC = load_rubric()
    return _RUBRIC


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", type=int, default=100, help="the large transcript size in KB (the small one is a tenth)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default="", help="one family")
    args = ap.parse_args(argv)
    big = args.kb * 1000
    small = big // 10
    _rubric()
    grade_seconds("letters", 100)  # warm: imports, compiled patterns
    rows = []
    for family in [args.only] if args.only else FAMILIES:
        t_small = [grade_seconds(family, small) for _ in range(args.repeat)]
        t_big = [grade_seconds(family, big) for _ in range(args.repeat)]
        rows.append((family, t_small, t_big))
    print(f"{'family':<20} {'small ms (min/med/max)':>26} {'large ms (min/med/max)':>28} {'ratio':>6}")
    for family, ts, tb in rows:
        ratio = statistics.median(tb) / max(statistics.median(ts), 1e-6)
        fmt = lambda t: "/".join(f"{x * 1000:.1f}" for x in (min(t), statistics.median(t), max(t)))  # noqa: E731
        print(f"{family:<20} {fmt(ts):>26} {fmt(tb):>28} {ratio:6.1f}")
    worst = max(rows, key=lambda r: statistics.median(r[2]))
    print(f"worst case at {args.kb} KB: {worst[0]} {statistics.median(worst[2]) * 1000:.0f} ms (median)")
    worst_ratio = max(rows, key=lambda r: statistics.median(r[2]) / max(statistics.median(r[1]), 1e-6))
    print(
        f"largest 10x ratio: {worst_ratio[0]} "
        f"{statistics.median(worst_ratio[2]) / max(statistics.median(worst_ratio[1]), 1e-6):.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
