"""Ids of the instrument files the cross-border decision reads (``law/instruments/<id>.yaml``)."""

P24 = "xborder_provisions_2024"
QA10 = "cac_xborder_qa_2025_10"
QA01 = "cac_xborder_qa_2026_01"
SCM = "standard_contract_measures"
SAM = "security_assessment_measures"
CERT = "certification_measures"
GBA = "gba_standard_contract"
