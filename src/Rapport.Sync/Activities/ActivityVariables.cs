using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rapport.Sync.Activities;

/// <summary>
/// What an activity template can name: the event's properties as sent, plus snake_case aliases of
/// camelCase names (<c>flowName</c> is also <c>flow_name</c>), <c>current_page_url</c> and
/// <c>current_page_title</c> (from <c>context.page</c>, falling back to <c>properties.url/title</c>),
/// <c>event</c>, <c>user_id</c>, <c>anonymous_id</c> and <c>timestamp</c> (ISO 8601, UTC).
/// </summary>
public sealed class ActivityVariables
{
    private ActivityVariables(IReadOnlyDictionary<string, object?> values) => Values = values;

    public IReadOnlyDictionary<string, object?> Values { get; }

    /// <summary>Reads the variables of a Segment message (the log's payload).</summary>
    public static ActivityVariables FromMessage(ReadOnlySpan<byte> payload, string? eventName, string? userId, string? anonymousId, DateTimeOffset timestamp)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        string? pageUrl = null;
        string? pageTitle = null;
        string? propertyUrl = null;
        string? propertyTitle = null;
        var reader = new Utf8JsonReader(payload);
        if (JsonDocument.TryParseValue(ref reader, out var document))
        {
            using (document)
            {
                var message = document.RootElement;
                if (message.ValueKind == JsonValueKind.Object)
                {
                    if (message.TryGetProperty("properties"u8, out var properties) && properties.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var property in properties.EnumerateObject())
                        {
                            values[property.Name] = ToValue(property.Value);
                        }
                        // Aliases second, so a property sent under both spellings keeps its own value.
                        foreach (var property in properties.EnumerateObject())
                        {
                            values.TryAdd(SnakeCase(property.Name), values[property.Name]);
                        }
                        propertyUrl = StringOf(properties, "url");
                        propertyTitle = StringOf(properties, "title");
                    }
                    if (message.TryGetProperty("context"u8, out var context) && context.ValueKind == JsonValueKind.Object
                        && context.TryGetProperty("page"u8, out var page) && page.ValueKind == JsonValueKind.Object)
                    {
                        pageUrl = StringOf(page, "url");
                        pageTitle = StringOf(page, "title");
                    }
                }
            }
        }
        values["current_page_url"] = values["currentPageUrl"] = pageUrl ?? propertyUrl;
        values["current_page_title"] = values["currentPageTitle"] = pageTitle ?? propertyTitle;
        values["event"] = eventName;
        values["user_id"] = userId;
        values["anonymous_id"] = anonymousId;
        values["timestamp"] = timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return new ActivityVariables(values);
    }

    /// <summary><c>itemIndex</c> → <c>item_index</c>, <c>pageURL</c> → <c>page_url</c>, <c>URLPath</c> → <c>url_path</c>.</summary>
    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var acronymEnds = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (previousLowerOrDigit || acronymEnds)
                {
                    builder.Append('_');
                }
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static string? StringOf(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetDecimal(out var number) ? number : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(ToValue).ToList(),
        _ => null,
    };
}
