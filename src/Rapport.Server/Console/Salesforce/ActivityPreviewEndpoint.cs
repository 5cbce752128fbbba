using Microsoft.AspNetCore.Mvc;
using Rapport.Data.Storage;
using Rapport.Server.Sync;
using Rapport.Sync.Settings;

namespace Rapport.Server.Console.Salesforce;

/// <summary>
/// <c>POST /datasets/{datasetId}/salesforce/activities/preview</c>: one rule's Subject and
/// Description rendered from the latest event of its name, for the Activities page's preview as the
/// admin types (activities.js). A form post carrying the page's antiforgery token, behind the
/// console's cookie sign-in; nothing is saved. Without the script the page's Preview button posts
/// the whole form and shows the same preview.
/// </summary>
public static class ActivityPreviewEndpoint
{
    private static readonly string[] Parts = ["event", "subject", "description"];

    /// <summary>The endpoint's address relative to the console's base.</summary>
    public static string Url(string datasetId) => ConsoleUrls.Dataset(datasetId, "salesforce/activities/preview");

    /// <summary>Registers the preview's services.</summary>
    public static IServiceCollection AddActivityPreview(this IServiceCollection services)
        => services.AddSingleton<ActivityPreviews>();

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapActivityPreview(this IEndpointRouteBuilder app)
    {
        app.MapPost("/datasets/{datasetId}/salesforce/activities/preview", PreviewAsync)
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> PreviewAsync(
        string datasetId,
        [FromForm(Name = "event")] string? eventName,
        [FromForm(Name = "subject")] string? subject,
        [FromForm(Name = "description")] string? description,
        DatasetStore datasets,
        ActivityPreviews previews,
        CancellationToken cancellationToken)
    {
        if (await datasets.GetAsync(datasetId, cancellationToken) is null)
        {
            return Problems.DatasetNotFound(datasetId);
        }
        var rule = new ActivityRule { Event = eventName?.Trim() ?? "", Subject = subject ?? "", Description = description ?? "" };
        // The rule alone through the settings validator: the messages are the ones Save would show.
        var invalid = SyncSettingsValidator.Validate(new SyncSettings { Activities = new ActivitySettings { Rules = [rule] } });
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in Parts)
        {
            if (invalid.TryGetValue($"activities.rules[0].{part}", out var messages))
            {
                errors[part] = messages[0];
            }
        }
        var preview = await previews.PreviewAsync(datasetId, rule, cancellationToken);
        if (preview?.SubjectError is { } subjectError)
        {
            errors.TryAdd("subject", subjectError);
        }
        if (preview?.DescriptionError is { } descriptionError)
        {
            errors.TryAdd("description", descriptionError);
        }
        return TypedResults.Ok(new ActivityPreviewResponse(preview?.EventName, preview?.At is not null, preview?.At, preview?.Who,
            preview?.Subject, preview?.Description, errors));
    }
}
