from campaign.progress import assignment_progress, mean, weighted_mean


def test_assignment_progress_from_report_states():
    assert assignment_progress(["accepted", "accepted"]) == 100
    assert assignment_progress(["accepted", None]) == 50
    assert assignment_progress(["submitted", "returned", None, "accepted"]) == 48  # (60+30+0+100)/4 = 47.5
    assert assignment_progress([]) == 0


def test_staff_override_wins():
    assert assignment_progress([None, None], override=80) == 80
    assert assignment_progress(["accepted"], override=0) == 0


def test_weighted_and_plain_means():
    assert mean([100, 0, 50]) == 50
    assert weighted_mean([(100, None), (0, None)]) == 50
    assert weighted_mean([(100, 3), (0, 1)]) == 75
    assert weighted_mean([]) == 0
