namespace Rapport.Sync.Activities;

/// <summary>
/// An activity's Subject or Description as the CRM receives it: the rule's template rendered with
/// one event's variables and cut to the field's length. The dispatcher writes this and the console's
/// preview shows it, so what an admin previews is what Salesforce gets.
/// </summary>
public static class ActivityText
{
    /// <summary>Salesforce's length of an Event's or Task's Subject.</summary>
    public const int SubjectMaxLength = 255;

    /// <summary>Salesforce's length of an Event's or Task's Description.</summary>
    public const int DescriptionMaxLength = 32_000;

    /// <summary>The Subject written for an event.</summary>
    public static ActivityTextResult Subject(string template, ActivityVariables variables) => Render(template, variables, SubjectMaxLength);

    /// <summary>The Description written for an event.</summary>
    public static ActivityTextResult Description(string template, ActivityVariables variables) => Render(template, variables, DescriptionMaxLength);

    private static ActivityTextResult Render(string template, ActivityVariables variables, int maxLength)
    {
        if (!ActivityTemplate.TryParse(template, out var parsed, out var parseError))
        {
            return new ActivityTextResult(null, parseError, null);
        }
        if (!parsed!.TryRender(variables, out var text, out var renderError))
        {
            return new ActivityTextResult(null, null, renderError);
        }
        return new ActivityTextResult(text.Length <= maxLength ? text : text[..maxLength], null, null);
    }
}
