#!/usr/bin/env python3
"""Writes a realistic, deterministic day of team work on each shipped template as an operation log
(one JSON operation per line): three evaluators on their own tablets, overlapping on some items, one
conflict resolved by the lead, notes and photos on non-compliances, a seeded resident survey with a
refusal, findings with suggestions, signatures, and the lead's submission.

The outputs are committed (assets/demo/*.ops.jsonl) and used as the demo data and by the golden tests
in tests/data/; re-run this only to change the scenario, then refresh the golden files.
"""
import hashlib, json, sys, os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEAD, EV1, EV2 = "li.hua", "wang.fang", "zhang.wei"
DEVICES = {LEAD: "tab-lead-01", EV1: "tab-02", EV2: "tab-03"}
T0 = 1764034200000  # 2025-11-25 01:30 UTC, the visit's morning

class Log:
    def __init__(self, inspection):
        self.inspection, self.ops, self.n, self.clock = inspection, [], 0, {}
    def op(self, author, kind, target, value=None, minutes=None):
        self.n += 1
        self.clock[author] = self.clock.get(author, 0) + 1
        oid = "%08x-0000-4000-8000-%012x" % (abs(hash(self.inspection)) % 0xFFFFFFFF if False else int(hashlib.sha1(self.inspection.encode()).hexdigest()[:8], 16), self.n)
        t = T0 + (minutes if minutes is not None else self.n) * 60000
        o = {"id": oid, "inspection": self.inspection, "author": author, "device": DEVICES[author],
             "clock": self.clock[author] + self.n, "time": t, "kind": kind, "target": target, "value": value}
        self.ops.append(o)
        return oid
    def write(self, path):
        with open(path, "w", encoding="utf-8") as f:
            for o in self.ops:
                f.write(json.dumps(o, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")

def sha(s): return hashlib.sha256(s.encode()).hexdigest()

def author_for(step):
    return {"announce": LEAD, "briefing": EV1, "documents": EV1, "site": EV2, "survey": EV2,
            "scoring": LEAD, "conclusion": LEAD, "feedback": LEAD}[step]

TEXTS = {"announce_members": "李华（组长）09:02；王芳 09:05；张伟 09:06", "announce_reps": "赵院长（院长）、孙主任（护理部主任）",
         "briefing_notes": "试点运行6个月，已完成3个月自查自评；标准体系表共收录标准126项。",
         "brand_reasons": "“家门口的医养结合”服务在全市推广，获市级示范称号。",
         "conclusion_text": "各项基本指标达到目标，现场符合率高，建议通过验收。", "feedback_suggestions": "完善标准修订建议记录；食堂留样登记每日核对。"}

DATES = {"system_start_date": "2025-05-06", "rectification_deadline": "2025-12-25"}

def fill(tpl, log, numbers, overrides, skip=()):
    for st in tpl["steps"]:
        who = author_for(st["key"])
        for sec in st["sections"]:
            for it in sec["items"]:
                iid, ty = it["id"], it["type"]
                if iid in skip: continue
                if iid in overrides:
                    v = overrides[iid]
                    if v is not None: log.op(who, "set", iid, v)
                    continue
                if ty == "check": log.op(who, "set", iid, "compliant")
                elif ty == "score":
                    if "prefill" in it: continue  # left to the computed prefill
                    log.op(who, "set", iid, it["max"] - it.get("step", 1) if it["max"] >= 5 else it["max"])
                elif ty == "number": log.op(who, "set", iid, numbers.get(iid, 3))
                elif ty == "single": log.op(who, "set", iid, it["options"][0]["value"])
                elif ty == "multiple": log.op(who, "set", iid, [it["options"][0]["value"]])
                elif ty == "text": log.op(who, "set", iid, TEXTS.get(iid, "已核实，情况属实。"))
                elif ty == "date": log.op(who, "set", iid, DATES.get(iid, "2025-11-25"))
                elif ty == "signature":
                    signer = "赵院长" if it.get("signer") == "institution" else "李华"
                    log.op(who, "set", iid, {"sha256": sha(iid), "signer": signer, "role": it.get("signer", ""), "signed_at": T0})
                elif ty == "photo":
                    for k in range(it.get("photos_min", 0)):
                        log.op(who, "photo.attach", iid, {"sha256": sha(iid + str(k)), "caption": "现场照片 %d" % (k + 1), "taken_at": T0})

def survey(log, population, k, seed, answers_overall):
    # The sample itself is drawn by the app with the core's sampler; here: the draw record and outcomes.
    log.op(EV2, "sample.draw", "survey", {"seed": seed, "population": population, "k": k, "source": "beds"})
    log.op(EV2, "respondent.status", "R01", {"status": "refused"})
    qs = ["q_meals", "q_room", "q_daily_care", "q_medical", "q_attitude", "q_activities", "q_safety", "q_fees", "q_complaints"]
    for i, overall in enumerate(answers_overall):
        code = "R%02d" % (i + 2)
        ans = {q: ("satisfied" if (i + j) % 3 else "very_satisfied") for j, q in enumerate(qs)}
        if i == 3: ans["q_fees"] = "unknown"
        ans["q_overall"] = overall
        rid = log.op(EV2, "survey.add", code, {"answers": ans})
        log.op(EV2, "respondent.status", code, {"status": "done"})
        if i == 0:  # a slip corrected on the spot
            ans2 = dict(ans); ans2["q_meals"] = "neutral"
            log.op(EV2, "survey.replace", rid, {"answers": ans2})

def steps_done(log):
    for st in ["announce", "briefing", "documents", "site", "survey", "scoring", "conclusion", "feedback"]:
        log.op(author_for(st), "step.status", st, {"status": "done", "owner": author_for(st)})

def pilot():
    tpl = json.load(open(os.path.join(ROOT, "assets/templates/jilin-pilot-standardization.json"), encoding="utf-8"))
    log = Log("demo-pilot-changchun-01")
    numbers = {"announce_team_present": 3, "staff_total": 48, "staff_trained": 48, "staff_examined": 48, "staff_passed": 47,
               "residents_total": 126, "beds_total": 150, "provision_steps_total": 40, "provision_steps_covered": 39,
               "support_steps_total": 20, "support_steps_covered": 19, "posts_total": 22, "posts_with_manual": 22,
               "standards_relevant": 126, "standards_implemented": 110}
    fill(tpl, log, numbers, {"doc_imp_revision": "noncompliant", "site_sup_food": "noncompliant", "doc_brand_grading": "compliant"},
         skip=("feedback_rep_signature", "feedback_lead_signature"))
    log.op(EV1, "note", "doc_imp_revision", "近半年无标准修订建议记录。")
    log.op(EV2, "note", "site_sup_food", "周二午餐未留样，留样柜温度记录缺3天。")
    log.op(EV2, "photo.attach", "site_sup_food", {"sha256": sha("sample-cabinet"), "caption": "留样柜", "taken_at": T0 + 3600000})
    # Overlap: the second evaluator recounts the exam results and finds 48, not 47 → a conflict.
    a = [o for o in log.ops if o["target"] == "staff_passed"][0]["id"]
    b = log.op(EV2, "set", "staff_passed", 48)
    log.op(LEAD, "resolve", "staff_passed", {"value": 48, "reason": "核对考核成绩单原件：补考通过1人，共48人。", "covers": [a, b]})
    # Overlap without conflict: both check the same site item the same way.
    log.op(LEAD, "set", "site_srv_flow", "compliant")
    # The lead first scores the handbook 5, then corrects it to 6: only the latest counts.
    log.op(LEAD, "set", "sc_std_handbook", 5)
    log.op(LEAD, "set", "sc_std_handbook", 6)
    log.op(LEAD, "finding.edit", "item:site_sup_food", {"suggestion": "建立每餐留样登记并由食堂负责人每日核对", "responsible": "食堂负责人", "deadline": "2025-12-10"})
    log.op(LEAD, "finding.add", "f-revision-records", {"title": "标准修订建议未记录", "item": "doc_imp_revision", "hazard": "general",
                                                       "suggestion": "建立标准修订建议登记表，每季度汇总", "responsible": "质量管理办公室", "deadline": "2026-01-15"})
    survey(log, 126, 13, 20251125, ["satisfied"] * 6 + ["very_satisfied"] * 7)
    log.op(LEAD, "set", "feedback_rep_signature", {"sha256": sha("rep-final"), "signer": "赵院长", "role": "institution", "signed_at": T0 + 7 * 3600000})
    log.op(LEAD, "set", "feedback_lead_signature", {"sha256": sha("lead-final"), "signer": "李华", "role": "lead", "signed_at": T0 + 7 * 3600000})
    steps_done(log)
    log.op(LEAD, "submit", "", {"comment": "评估完成，请审核。"})
    log.write(os.path.join(ROOT, "assets/demo/pilot.ops.jsonl"))

def safety():
    tpl = json.load(open(os.path.join(ROOT, "assets/templates/nursing-home-quality-safety.json"), encoding="utf-8"))
    log = Log("demo-safety-jilin-02")
    numbers = {"announce_team_present": 3, "residents_total": 86, "beds_total": 100, "staff_total": 35, "care_workers_total": 20,
               "care_workers_trained": 19, "professionals_total": 6, "professionals_certified": 6}
    fill(tpl, log, numbers, {"mh_escape": "noncompliant", "fire_smoking": "noncompliant", "docs_risk_wandering": "na",
                             "risk_level": "red", "conclusion_text": "存在疏散通道堵塞的重大风险隐患，限期整改，复查前不予通过。"})
    log.op(EV2, "note", "mh_escape", "二楼东侧疏散通道堆放轮椅和杂物，安全出口上锁。")
    log.op(EV2, "photo.attach", "mh_escape", {"sha256": sha("exit-2f"), "caption": "二楼东侧安全出口", "taken_at": T0})
    log.op(EV2, "note", "fire_smoking", "院内无吸烟管理规定，走廊发现烟头。")
    log.op(EV2, "photo.attach", "fire_smoking", {"sha256": sha("smoking"), "caption": "走廊烟头", "taken_at": T0})
    log.op(LEAD, "finding.edit", "item:mh_escape", {"suggestion": "立即清理通道、解除出口锁闭，建立每日巡查", "responsible": "院长", "deadline": "2025-11-28"})
    # The two evaluators disagree on the sprinkler system; the lead has not resolved it yet.
    log.op(EV1, "set", "mh_sprinkler", "noncompliant")
    log.op(EV1, "note", "mh_sprinkler", "末端试水压力不足。")
    survey(log, 86, 10, 7, ["satisfied"] * 8 + ["neutral", "unknown"])
    steps_done(log)
    log.write(os.path.join(ROOT, "assets/demo/safety.ops.jsonl"))

def satisfaction():
    tpl = json.load(open(os.path.join(ROOT, "assets/templates/resident-satisfaction.json"), encoding="utf-8"))
    log = Log("demo-satisfaction-03")
    fill(tpl, log, {"announce_team_present": 2, "residents_total": 210, "beds_total": 260}, {})
    survey(log, 210, 21, 99, ["very_satisfied"] * 10 + ["satisfied"] * 10 + ["neutral"])
    steps_done(log)
    log.op(LEAD, "submit", "", None)
    log.write(os.path.join(ROOT, "assets/demo/satisfaction.ops.jsonl"))

pilot(); safety(); satisfaction()
# The photos and signatures named above are placeholders (hashes of words): draw real images for them
# and point the logs at those (assets/demo/blobs), so the demo server shows them.
import subprocess
subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo_photos.py")], check=True)
