import KitPrimitives
import MockServerCore

/// Renders world objects as Canvas sends them: field names, order, explicit nulls, Ruby number forms.
///
/// Field sets follow `lib/api/v1/assignment.rb`, `courses_controller.rb` and `users_controller.rb`
/// (Canvas's pagination: `Link` headers with absolute URLs); absolute URLs use the origin the client addressed.
struct CanvasRenderer {
    /// `http://host:port` as the client addressed the mock.
    var origin: String
    var style: TimestampStyle

    func time(_ t: Timestamp?) -> JSONValue {
        guard let t else { return .null }
        return .string(t.rfc3339(offsetMinutes: style.offsetMinutes))
    }

    func user(_ user: CanvasUser, createdAt: Timestamp) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .int(user.id)),
            ("name", .string(user.name)),
            ("created_at", time(createdAt)),
            ("sortable_name", .string(user.sortableName)),
            ("short_name", .string(user.name)),
            ("avatar_url", .string(origin + "/images/messages/avatar-50.png")),
            ("locale", .null),
            ("effective_locale", .string("en")),
            ("permissions", .object([
                ("can_update_name", .bool(true)), ("can_update_avatar", .bool(true)),
                ("limit_parent_app_web_access", .bool(false)),
            ])),
        ]
        if let email = user.email { fields.append(("email", .string(email))) }
        return .object(fields)
    }

    func course(_ course: CanvasCourse, enrollments: [CanvasEnrollment], effectiveState: (CanvasEnrollment) -> String) -> JSONValue {
        let uuid = StableHash.hex(StableHash.fnv1a64("course:\(course.id)")) + StableHash.hex(StableHash.fnv1a64("uuid:\(course.id)"))
        return .object([
            ("id", .int(course.id)),
            ("name", .string(course.name)),
            ("account_id", .int(1)),
            ("uuid", .string(uuid)),
            ("start_at", time(course.startAt)),
            ("grading_standard_id", .null),
            ("is_public", .bool(false)),
            ("created_at", time(course.createdAt)),
            ("course_code", .string(course.courseCode)),
            ("default_view", .string("modules")),
            ("root_account_id", .int(1)),
            ("enrollment_term_id", .int(1)),
            ("license", .string("private")),
            ("grade_passback_setting", .null),
            ("end_at", time(course.endAt)),
            ("public_syllabus", .bool(false)),
            ("public_syllabus_to_auth", .bool(false)),
            ("storage_quota_mb", .int(500)),
            ("is_public_to_auth_users", .bool(false)),
            ("homeroom_course", .bool(false)),
            ("course_color", .null),
            ("friendly_name", .null),
            ("apply_assignment_group_weights", .bool(false)),
            ("calendar", .object([("ics", .string("\(origin)/feeds/calendars/course_\(uuid).ics"))])),
            ("time_zone", .string(course.timeZone)),
            ("blueprint", .bool(false)),
            ("template", .bool(false)),
            ("enrollments", .array(enrollments.map { e in
                .object([
                    ("type", .string(e.type.rawValue)),
                    ("role", .string(e.type.role)),
                    ("role_id", .int(e.type.roleID)),
                    ("user_id", .int(e.user)),
                    ("enrollment_state", .string(effectiveState(e))),
                    ("limit_privileges_to_course_section", .bool(false)),
                ])
            })),
            ("hide_final_grades", .bool(false)),
            ("workflow_state", .string(course.workflowState.rawValue)),
            ("restrict_enrollments_to_course_dates", .bool(false)),
        ])
    }

    func assignment(_ a: CanvasAssignment, courseID: Int64, canManage: Bool) -> JSONValue {
        let htmlURL = "\(origin)/courses/\(courseID)/assignments/\(a.id)"
        var fields: [(String, JSONValue)] = [
            ("id", .int(a.id)),
            ("description", .string(a.description)),
            ("due_at", time(a.dueAt)),
            ("unlock_at", time(a.unlockAt)),
            ("lock_at", time(a.lockAt)),
            ("points_possible", a.pointsPossible.map(JSONValue.double) ?? .null),
            ("grading_type", .string(a.gradingType)),
            ("assignment_group_id", .int(a.assignmentGroupID ?? courseID * 10 + 1)),
            ("grading_standard_id", .null),
            ("created_at", time(a.createdAt)),
            ("updated_at", time(a.updatedAt)),
            ("peer_reviews", .bool(false)),
            ("automatic_peer_reviews", .bool(false)),
            ("position", .int(Int64(a.position ?? 0))),
            ("group_category_id", .null),
            ("post_to_sis", .bool(false)),
            ("moderated_grading", .bool(false)),
            ("omit_from_final_grade", .bool(false)),
            ("anonymous_grading", .bool(false)),
            ("allowed_attempts", .int(-1)),
            ("hide_in_gradebook", .bool(false)),
            ("course_id", .int(courseID)),
            ("name", .string(a.name)),
            ("submission_types", .array(a.submissionTypes.map(JSONValue.string))),
            ("has_submitted_submissions", .bool(false)),
            ("due_date_required", .bool(false)),
            ("max_name_length", .int(255)),
            ("in_closed_grading_period", .bool(false)),
            ("graded_submissions_exist", .bool(false)),
            ("is_quiz_assignment", .bool(false)),
            ("can_duplicate", .bool(true)),
            ("original_course_id", .null),
            ("original_assignment_id", .null),
            ("workflow_state", .string(a.state.rawValue)),
            ("important_dates", .bool(false)),
            ("muted", .bool(true)),
            ("html_url", .string(htmlURL)),
        ]
        if canManage {
            fields.append(("has_overrides", .bool(false)))
            fields.append(("needs_grading_count", .int(0)))
        }
        fields += [
            ("sis_assignment_id", .null),
            ("integration_id", .null),
            ("integration_data", .object([])),
            ("published", .bool(a.published)),
        ]
        if canManage { fields.append(("unpublishable", .bool(true))) }
        fields += [
            ("only_visible_to_overrides", .bool(false)),
            ("visible_to_everyone", .bool(true)),
            ("locked_for_user", .bool(false)),
            ("submissions_download_url", .string(htmlURL + "/submissions?zip=1")),
            ("post_manually", .bool(false)),
            ("anonymize_students", .bool(false)),
            ("require_lockdown_browser", .bool(false)),
            ("restrict_quantitative_data", .bool(false)),
        ]
        return .object(fields)
    }
}
