// The reference implementation lands in a following commit.
public enum ExternalAssignmentSyncPlaceholder {}
