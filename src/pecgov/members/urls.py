"""A member's year at /members/, in the "members" namespace (PERF-1 to PERF-5, REM-1, REM-2)."""

from django.urls import path

from pecgov.members.views import appraisals, development, pay, year

urlpatterns = [
    path("", year.overview, name="overview"),
    path("<int:pk>/", year.member_year, name="member_year"),
    path("<int:pk>/objectives/new/", year.objective_create, name="objective_create"),
    path("objectives/<int:pk>/sign/", year.objective_sign, name="objective_sign"),
    path("objectives/<int:pk>/progress/", year.objective_progress, name="objective_progress"),
    path("<int:pk>/reviews/new/", year.review_create, name="review_create"),
    path("appraisals/", appraisals.appraisal_list, name="appraisal_list"),
    path("<int:pk>/appraisals/new/", appraisals.appraisal_start, name="appraisal_start"),
    path("appraisals/<int:pk>/", appraisals.appraisal_detail, name="appraisal_detail"),
    path("appraisals/<int:pk>/self/", appraisals.appraisal_self, name="appraisal_self"),
    path("appraisals/<int:pk>/assess/", appraisals.appraisal_assess, name="appraisal_assess"),
    path("appraisals/<int:pk>/plan/", appraisals.pdp_add, name="pdp_add"),
    path("appraisals/<int:pk>/sign/", appraisals.appraisal_sign, name="appraisal_sign"),
    path("appraisals/<int:pk>/pdf/", appraisals.appraisal_pdf, name="appraisal_pdf"),
    path("<int:pk>/induction/", development.induction_tick, name="induction_tick"),
    path("<int:pk>/mentor/", development.mentor, name="mentor"),
    path("<int:pk>/training/new/", development.training_create, name="training_create"),
    path("succession/", development.succession_plan, name="succession"),
    path("succession/new/", development.successor_create, name="successor_create"),
    path("pay/", pay.pay, name="pay"),
    path("pay/rates/new/", pay.pay_rate_create, name="pay_rate_create"),
    path("<int:pk>/commitment/", pay.commitment, name="commitment"),
    path("claims/", pay.claim_list, name="claim_list"),
    path("claims/new/", pay.claim_create, name="claim_create"),
    path("claims/<int:pk>/approve/", pay.claim_approve, name="claim_approve"),
    path("claims/<int:pk>/return/", pay.claim_return, name="claim_return"),
    path("claims/payroll.csv", pay.claim_csv, name="claim_csv"),
]
