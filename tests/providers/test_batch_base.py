from __future__ import annotations

import pytest

from hw7grade.providers.batch_base import CUSTOM_ID_RE, custom_id, wire_body


def test_wire_body_drops_the_client_timeout_and_lifts_extra_body():
    kwargs = {"model": "m", "max_tokens": 5, "timeout": 30.0, "extra_body": {"temperature": 0.5}}
    assert wire_body(kwargs) == {"model": "m", "max_tokens": 5, "temperature": 0.5}


@pytest.mark.parametrize("part_id, index, expected", [("q7b", 0, "q7b-0"), ("q3b.ii", 4, "q3b_ii-4")])
def test_custom_ids_name_the_part_and_fit_both_apis(part_id, index, expected):
    cid = custom_id(part_id, index)
    assert cid == expected and CUSTOM_ID_RE.match(cid)
