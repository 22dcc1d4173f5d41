"""The public contract (shared/contract.md), written out for the tests."""

QUESTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "cannot_bear_weight": ("yes_no", ()),
    "deformity": ("yes_no", ()),
    "fever": ("yes_no", ()),
    "injury": ("yes_no", ()),
    "location": (
        "several",
        (
            "outer_hip",
            "front_hip",
            "groin",
            "buttock",
            "deep_joint",
            "back_of_thigh",
            "outer_thigh",
            "outer_knee",
            "lower_back",
        ),
    ),
    "side": ("one", ("left", "right", "both")),
    "onset": ("one", ("sudden", "gradual")),
    "duration": ("one", ("under_1_week", "1_to_6_weeks", "over_6_weeks")),
    "trend": ("one", ("better", "same", "worse")),
    "severity": ("number", ()),
    "timing": ("several", ("during_run", "after_run", "walking", "at_rest", "at_night", "morning")),
    "triggers": (
        "several",
        (
            "lying_on_side",
            "long_sitting",
            "sit_to_stand",
            "single_leg",
            "hopping",
            "lifting_leg",
            "deep_flexion",
            "stairs_hills",
            "speed_work",
            "twisting",
            "pressing_outer_hip",
            "squeezing_knees",
            "bending_forward",
        ),
    ),
    "pain_type": (
        "several",
        ("dull_ache", "sharp", "burning", "shooting", "pinching", "tightness"),
    ),
    "symptoms": (
        "several",
        ("clicking", "catching", "stiffness", "reduced_motion", "swelling", "numbness", "weakness"),
    ),
    "rest_helps": ("one", ("yes", "no", "unsure")),
    "age": ("number", ()),
    "sex": ("one", ("female", "male", "other")),
    "history": (
        "several",
        ("prior_stress_fracture", "prior_hip_injury", "low_bone_density", "back_problems"),
    ),
    "training": (
        "several",
        (
            "mileage_jump",
            "new_to_running",
            "speed_work_added",
            "hills_added",
            "hard_or_uneven_surfaces",
            "worn_shoes",
            "no_warmup",
            "long_sitting_days",
            "underfuelling",
        ),
    ),
    "mechanics": (
        "several",
        (
            "hip_drop",
            "one_side_weaker",
            "leg_length_difference",
            "tight_hip_flexors",
            "cross_over_gait",
        ),
    ),
}
NUMBER_RANGES = {"severity": (0, 10), "age": (10, 100)}

CONDITION_IDS = (
    "gluteal_tendinopathy",
    "trochanteric_bursitis",
    "hip_flexor_strain",
    "adductor_strain",
    "hamstring_tendinopathy",
    "itbs",
    "labral_tear",
    "fai",
    "hip_osteoarthritis",
    "femoral_stress_fracture",
    "piriformis_syndrome",
    "muscle_imbalance",
    "referred_back_pain",
)
LEVELS = ("emergency", "urgent", "routine", "self_care")

# Section 4 (version 2 additions): new questions, new values of existing
# questions, new condition ids and JSON fields.
QUESTIONS_V2: dict[str, tuple[str, tuple[str, ...]]] = {
    "saddle_numbness": ("yes_no", ()),
    "limp": ("yes_no", ()),
    "weight_loss": ("yes_no", ()),
}
VALUES_V2: dict[str, tuple[str, ...]] = {
    "location": ("pubic_bone", "sit_bone", "sacroiliac"),
    "symptoms": ("locking", "pop", "bruising", "groin_lump"),
    "triggers": ("coughing_sneezing", "kicking"),
    "history": (
        "cancer",
        "steroid_use",
        "heavy_alcohol",
        "inflammatory_disease",
        "weak_immune_system",
        "hip_surgery_or_injection",
        "recent_pregnancy",
        "childhood_hip_problem",
    ),
}
CONDITION_IDS_V2 = (
    "pelvic_stress_fracture",
    "athletic_pubalgia",
    "osteitis_pubis",
    "si_joint_pain",
    "meralgia_paresthetica",
    "snapping_hip",
)
#: The questions of the safety screen, in asking order (triage.safety_unanswered).
SAFETY_SCREEN_V2 = ("saddle_numbness",)
ADVICE_KEYS = ("running", "self_care", "exercises", "see_a_doctor")

# Section 5 (version 3 additions).
QUESTIONS_V3: dict[str, tuple[str, tuple[str, ...]]] = {
    "elsewhere": (
        "several",
        ("testicle", "pregnancy_pain", "belly_pain", "urine", "lump_stuck", "cramp_stops"),
    ),
    "stiffness_minutes": ("one", ("none", "under_30", "30_to_60", "over_60")),
}
VALUES_V3: dict[str, tuple[str, ...]] = {
    "location": ("front_thigh", "inner_knee"),
    "history": ("bone_medicine", "sickle_cell", "pregnant_now", "gave_birth_last_year"),
}
#: On the safety screen (triage.safety_unanswered lists it when unanswered).
SAFETY_SCREEN_V3 = ("elsewhere",)
