namespace Rapport.Sync.Settings;

/// <summary>An event name mapped to a Salesforce Event or Task with Subject and Description templates.</summary>
public sealed record ActivityRule
{
    public required string Event { get; init; }
    public ActivityObject Object { get; init; } = ActivityObject.Event;
    public required string Subject { get; init; }
    public string Description { get; init; } = "";
    public bool Enabled { get; init; } = true;

    /// <summary>Seed 001's table, with Rapport's event names and snake_case properties.</summary>
    public static IReadOnlyList<ActivityRule> Defaults { get; } =
    [
        new() { Event = "nps_score", Subject = "NPS Score Submitted - {{ score }}", Description = "{{ score }} NPS score. Submission location: {{ current_page_url }} ({{ current_page_title }})" },
        new() { Event = "nps_feedback", Subject = "NPS Feedback Submitted", Description = "{{ feedback }} Submission location: {{ current_page_url }} ({{ current_page_title }})" },
        new() { Event = "flow_completed", Subject = "Flow Completed - {{ flow_name }}", Description = "User completed the flow titled “{{ flow_name }}”." },
        new() { Event = "checklist_item_completed", Subject = "Checklist Item #{{ item_index + 1 }} Completed - {{ checklist_name }}", Description = "User has completed an item titled “{{ item_name }}”. This is part of the “{{ checklist_name }}” checklist." },
        new() { Event = "checklist_completed", Subject = "Checklist Fully Completed - {{ checklist_name }}", Description = "User has completed all items in the “{{ checklist_name }}” checklist." },
        new() { Event = "goal_reached", Subject = "Goal Reached - {{ goal_name }}", Description = "User has completed the goal titled “{{ goal_name }}”." },
    ];
}
