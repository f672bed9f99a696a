from generator.build import Project, build


def test_mini_project_builds(mini):
    report = build(Project(mini.root))
    assert "points/li4.md" in report.written
