// The mock GitHub Classroom lands here (issue 8).
public enum MockGitHubClassroomPlaceholder {}
