"""Interface text of the map in English and Chinese.

Only the map's own words are translated; names from the scenario and the plan are shown as
written. ``{n}``-style fields are filled in by the page script or by :func:`fill`.
"""

from __future__ import annotations

from eventplan.errors import InputError

LANGUAGES: tuple[str, ...] = ("en", "zh")

_EN: dict[str, str] = {
    "html_lang": "en",
    "plan_line": "Plan {status} · gap {gap} · objective {objective}",
    "phase": "Phase",
    "day": "Day",
    "layers": "Layers",
    "venue": "Venue",
    "posts": "Posts",
    "patrols": "Patrols",
    "standby": "Standby and reach",
    "egress": "Egress",
    "drones": "Drones",
    "legend": "Legend",
    "cov_full": "Fully staffed",
    "cov_partial": "Partly staffed",
    "cov_none": "Not staffed",
    "cov_no_need": "No need in this phase",
    "needs": "Needs",
    "on_duty": "On duty",
    "shortfalls": "Shortfalls",
    "none": "none",
    "nobody": "nobody",
    "prio_critical": "critical",
    "prio_high": "high",
    "prio_normal": "normal",
    "prio_low": "low",
    "required": "required",
    "assigned": "on duty",
    "missing": "missing",
    "screening": "Screening: {lanes} lanes × {staff} per lane",
    "team": "Team",
    "loop": "Loop {m} min",
    "revisit": "longest revisit {m} min",
    "stops": "{n} stops",
    "stationary": "stays at one point",
    "members": "Members",
    "standby_point": "Standby point",
    "respond_within": "respond within {m} min",
    "reach": "Reach",
    "reach_within": "≤ {m} min walk",
    "minutes": "{m} min",
    "unreached": "Not reached in {m} min",
    "persons": "{n} persons",
    "egress_time": "egress {m} min (target {t} min)",
    "target_met": "target met",
    "target_missed": "target missed",
    "bottleneck": "Bottleneck",
    "egress_parts": "walking {w} min + queue {q} min",
    "neck_detail": "{kind}, {width} m wide, {flow} persons/min",
    "drone_watch": "Drone watch area",
    "drone_count": "{n} drone(s) airborne",
    "endurance": "endurance {m} min",
    "sorties": "{n} sorties",
    "edge_walkway": "Walkway",
    "edge_stairs": "Stairs",
    "edge_ramp": "Ramp",
    "edge_road": "Road",
    "patrol_route": "Patrol loop (arrows: direction)",
    "kpis": "Plan figures",
    "coverage": "Coverage",
    "uncovered": "uncovered person-hours",
    "staff_used": "Staff used",
    "cost": "Cost",
    "redacted": "names hidden",
    "more": "+{n} more",
    "kind_gate": "gate",
    "kind_junction": "junction",
    "kind_plaza": "plaza",
    "kind_stand": "stand",
    "kind_stage": "stage",
    "kind_parking": "parking",
    "kind_transit": "transit",
    "kind_road": "road",
    "kind_command": "command post",
    "kind_medical": "medical",
}

_ZH: dict[str, str] = {
    "html_lang": "zh-CN",
    "plan_line": "方案 {status} · 最优间隙 {gap} · 目标值 {objective}",
    "phase": "阶段",
    "day": "日期",
    "layers": "图层",
    "venue": "场馆",
    "posts": "岗位",
    "patrols": "巡逻",
    "standby": "备勤点与响应范围",
    "egress": "疏散",
    "drones": "无人机",
    "legend": "图例",
    "cov_full": "满员",
    "cov_partial": "部分缺员",
    "cov_none": "无人到岗",
    "cov_no_need": "本阶段无需求",
    "needs": "需求",
    "on_duty": "在岗人员",
    "shortfalls": "缺口",
    "none": "无",
    "nobody": "无人",
    "prio_critical": "关键",
    "prio_high": "高",
    "prio_normal": "一般",
    "prio_low": "低",
    "required": "需",
    "assigned": "在岗",
    "missing": "缺",
    "screening": "安检：{lanes} 条通道 × 每道 {staff} 人",
    "team": "班组",
    "loop": "一圈 {m} 分钟",
    "revisit": "最长回访间隔 {m} 分钟",
    "stops": "{n} 个点位",
    "stationary": "定点值守",
    "members": "成员",
    "standby_point": "备勤点",
    "respond_within": "{m} 分钟内到场",
    "reach": "到达范围",
    "reach_within": "步行 ≤ {m} 分钟",
    "minutes": "{m} 分钟",
    "unreached": "{m} 分钟内不可达",
    "persons": "{n} 人",
    "egress_time": "疏散 {m} 分钟（目标 {t} 分钟）",
    "target_met": "达标",
    "target_missed": "未达标",
    "bottleneck": "瓶颈",
    "egress_parts": "步行 {w} 分钟 + 排队 {q} 分钟",
    "neck_detail": "{kind}，宽 {width} 米，{flow} 人/分钟",
    "drone_watch": "无人机监视区",
    "drone_count": "空中 {n} 架",
    "endurance": "续航 {m} 分钟",
    "sorties": "{n} 架次",
    "edge_walkway": "步道",
    "edge_stairs": "楼梯",
    "edge_ramp": "坡道",
    "edge_road": "道路",
    "patrol_route": "巡逻路线（箭头为方向）",
    "kpis": "方案指标",
    "coverage": "覆盖率",
    "uncovered": "未覆盖人时",
    "staff_used": "用警力",
    "cost": "成本",
    "redacted": "姓名已隐去",
    "more": "另有 {n} 条",
    "kind_gate": "出入口",
    "kind_junction": "路口",
    "kind_plaza": "广场",
    "kind_stand": "看台",
    "kind_stage": "舞台",
    "kind_parking": "停车场",
    "kind_transit": "公共交通站",
    "kind_road": "道路",
    "kind_command": "指挥所",
    "kind_medical": "医疗点",
}

_TEXTS = {"en": _EN, "zh": _ZH}


def texts(lang: str) -> dict[str, str]:
    """All interface strings of a language (``en`` or ``zh``).

    Raises
    ------
    InputError
        For a language the map has no text for.
    """
    try:
        return dict(_TEXTS[lang])
    except KeyError:
        raise InputError(
            f"unknown map language '{lang}' (available: {', '.join(LANGUAGES)})"
        ) from None


def fill(template: str, **values: object) -> str:
    """Fill ``{name}`` fields, leaving unknown ones as they are."""
    out = template
    for key, value in values.items():
        out = out.replace("{" + key + "}", str(value))
    return out
