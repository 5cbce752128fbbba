using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace Rapport.Demo;

/// <summary>
/// Realistic product usage over the last 90 days for the sample org's people, sent through the
/// real tracking API: visits before sign-up, identify and group, page views, onboarding flows and
/// checklists, goals, and NPS answers (the events seed 001's activity rules turn into Salesforce tasks).
/// </summary>
internal static class DemoTraffic
{
    private static readonly (string Name, string Path, string Title)[] Pages =
    [
        ("Home", "/", "Acme Analytics"),
        ("Pricing", "/pricing", "Pricing · Acme Analytics"),
        ("Features", "/features", "Features · Acme Analytics"),
        ("Dashboard", "/app/dashboard", "Dashboard · Acme Analytics"),
        ("Reports", "/app/reports", "Reports · Acme Analytics"),
        ("Integrations", "/app/integrations", "Integrations · Acme Analytics"),
        ("Feedback", "/feedback", "Feedback · Acme Analytics"),
    ];

    private static readonly string[] ChecklistItems = ["Connect a data source", "Build a first report", "Invite a teammate", "Schedule a digest"];

    private static readonly string[] Feedback =
    [
        "Reports are fast and easy to share.", "Would love a dark mode.", "The Salesforce sync saved us hours.",
        "Onboarding was clear.", "Exports to CSV time out on big reports.", "Great support team!", "Pricing is a bit steep for small teams.",
    ];

    private static readonly string[] Plans = ["free", "starter", "pro", "enterprise"];

    /// <summary>The messages for every person, oldest first, deterministic for a given list.</summary>
    public static List<Dictionary<string, object?>> Build(IReadOnlyList<DemoPerson> people, DateTimeOffset now)
    {
        var random = new Random(20261123);
        var messages = new List<Dictionary<string, object?>>();
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            var userId = $"user-{i + 1:0000}";
            var anonymousId = $"anon-{Guid.CreateVersion7().ToString("N")[..16]}-{i}";
            var start = now.AddDays(-random.Next(10, 90)).AddMinutes(random.Next(0, 1440));
            var context = new Dictionary<string, object?> { ["userAgent"] = "Mozilla/5.0 (demo)", ["ip"] = "203.0.113." + (i % 250 + 1) };

            // A first visit before signing up, then the identify that merges it into the person.
            messages.Add(Page(anonymousId, null, Pages[random.Next(0, 3)], start, context));
            messages.Add(Page(anonymousId, null, Pages[1], start.AddMinutes(2), context));
            var plan = Plans[random.Next(Plans.Length)];
            messages.Add(Message("identify", userId, anonymousId, start.AddMinutes(4), context, new()
            {
                ["traits"] = new Dictionary<string, object?>
                {
                    ["email"] = person.Email, ["firstName"] = person.FirstName, ["lastName"] = person.LastName,
                    ["title"] = person.Title, ["plan"] = plan, ["createdAt"] = start.ToString("O"),
                },
            }));
            if (person.AccountId is not null)
            {
                messages.Add(Message("group", userId, null, start.AddMinutes(5), context, new()
                {
                    ["groupId"] = "acct-" + person.AccountId,
                    ["traits"] = new Dictionary<string, object?> { ["name"] = person.AccountName, ["industry"] = person.Industry, ["plan"] = plan },
                }));
            }

            var onboarded = start.AddMinutes(10);
            messages.Add(Track(userId, "flow_completed", onboarded, context, new() { ["flow_name"] = "Welcome tour" }));
            var items = random.Next(0, ChecklistItems.Length + 1);
            for (var item = 0; item < items; item++)
            {
                messages.Add(Track(userId, "checklist_item_completed", onboarded.AddHours(item * 20 + 1), context, new()
                {
                    ["checklist_name"] = "Getting started", ["item_index"] = item, ["item_name"] = ChecklistItems[item],
                }));
            }
            if (items == ChecklistItems.Length)
            {
                messages.Add(Track(userId, "checklist_completed", onboarded.AddHours(items * 20 + 2), context, new() { ["checklist_name"] = "Getting started" }));
            }

            // Active days between sign-up and now: a few for most people, most days for the keen ones.
            var span = Math.Max(1, (int)(now - start).TotalDays);
            var activeDays = random.Next(1, Math.Min(span, random.Next(0, 4) == 0 ? 60 : 12) + 1);
            for (var day = 0; day < activeDays; day++)
            {
                var visit = start.AddDays(random.Next(0, span)).AddMinutes(random.Next(0, 600));
                if (visit > now)
                {
                    continue;
                }
                var views = random.Next(1, 5);
                for (var view = 0; view < views; view++)
                {
                    messages.Add(Page(null, userId, Pages[random.Next(3, 6)], visit.AddMinutes(view * 3), context));
                }
                if (random.Next(0, 8) == 0)
                {
                    messages.Add(Track(userId, "Report Exported", visit.AddMinutes(views * 3), context, new() { ["format"] = random.Next(2) == 0 ? "csv" : "pdf" }));
                }
            }
            if (random.Next(0, 3) == 0)
            {
                messages.Add(Track(userId, "goal_reached", start.AddDays(random.Next(1, span + 1)).AddHours(1), context, new() { ["goal_name"] = "Invited a teammate" }));
            }

            // About half answer the NPS survey; a third of those leave a comment.
            if (random.Next(0, 2) == 0)
            {
                var answered = now.AddDays(-random.Next(0, Math.Min(span, 30))).AddMinutes(-random.Next(0, 600));
                var page = new Dictionary<string, object?> { ["url"] = "http://127.0.0.1/feedback", ["title"] = Pages[6].Title, ["path"] = Pages[6].Path };
                var npsContext = new Dictionary<string, object?>(context) { ["page"] = page };
                var score = Math.Clamp(random.Next(0, 11) + random.Next(0, 4), 0, 10);
                messages.Add(Track(userId, "nps_score", answered, npsContext, new() { ["score"] = score }));
                if (random.Next(0, 3) == 0)
                {
                    messages.Add(Track(userId, "nps_feedback", answered.AddMinutes(1), npsContext, new() { ["feedback"] = Feedback[random.Next(Feedback.Length)] }));
                }
            }
        }
        messages.Sort((a, b) => string.CompareOrdinal((string)a["timestamp"]!, (string)b["timestamp"]!));
        for (var n = 0; n < messages.Count; n++)
        {
            // Stable ids: were the demo's traffic ever sent twice, the tracking API would store it once.
            messages[n]["messageId"] = $"demo-{n:000000}";
        }
        return messages;
    }

    /// <summary>Sends the messages in batches well under the 500 KB batch limit.</summary>
    public static async Task SendAsync(string rapportUrl, string writeKey, List<Dictionary<string, object?>> messages,
        Action<int> progress, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(rapportUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        var sent = 0;
        foreach (var batch in messages.Chunk(200))
        {
            using var response = await http.PostAsJsonAsync("v1/batch", new { batch }, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The tracking API refused a demo batch ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
            sent += batch.Length;
            progress(sent);
        }
    }

    private static Dictionary<string, object?> Page(string? anonymousId, string? userId, (string Name, string Path, string Title) page,
        DateTimeOffset at, Dictionary<string, object?> context)
        => Message("page", userId, anonymousId, at, context, new()
        {
            ["name"] = page.Name,
            ["properties"] = new Dictionary<string, object?> { ["path"] = page.Path, ["title"] = page.Title, ["url"] = "http://127.0.0.1" + page.Path },
        });

    private static Dictionary<string, object?> Track(string userId, string name, DateTimeOffset at, Dictionary<string, object?> context, Dictionary<string, object?> properties)
        => Message("track", userId, null, at, context, new() { ["event"] = name, ["properties"] = properties });

    private static Dictionary<string, object?> Message(string type, string? userId, string? anonymousId, DateTimeOffset at,
        Dictionary<string, object?> context, Dictionary<string, object?> fields)
    {
        var message = new Dictionary<string, object?>
        {
            ["type"] = type,
            ["timestamp"] = at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
            ["context"] = context,
        };
        if (userId is not null)
        {
            message["userId"] = userId;
        }
        if (anonymousId is not null)
        {
            message["anonymousId"] = anonymousId;
        }
        foreach (var (key, value) in fields)
        {
            message[key] = value;
        }
        return message;
    }
}
