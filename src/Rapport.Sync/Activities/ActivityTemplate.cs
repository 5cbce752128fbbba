using System.Collections.Concurrent;
using System.Globalization;
using Fluid;

namespace Rapport.Sync.Activities;

/// <summary>
/// A Subject or Description template of an activity rule: Liquid (Fluid), plus the Scriban-style
/// arithmetic of seed 001's defaults (<c>{{ item_index + 1 }}</c>). Missing variables render empty.
/// Parsed templates are cached by their text, so a rule is parsed once per process.
/// </summary>
public sealed class ActivityTemplate
{
    // A handful of rules per connection; the bound only guards against settings churn filling memory.
    private const int CacheLimit = 1_000;
    private const int MaxSteps = 10_000;
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new()
    {
        CultureInfo = CultureInfo.InvariantCulture,
        TimeZone = TimeZoneInfo.Utc,
        // Templates come from the admin; a runaway loop must fail its activity, not hang the dispatcher.
        MaxSteps = MaxSteps,
        MaxRecursion = 10,
    };
    private static readonly ConcurrentDictionary<string, (ActivityTemplate? Template, string? Error)> Cache = new(StringComparer.Ordinal);

    private readonly IFluidTemplate _template;

    private ActivityTemplate(string text, IFluidTemplate template)
    {
        Text = text;
        _template = template;
    }

    /// <summary>The template as configured (before the arithmetic rewrite).</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong, for the settings validation.</summary>
    public static bool TryParse(string text, out ActivityTemplate? template, out string? error)
    {
        if (!Cache.TryGetValue(text, out var parsed))
        {
            parsed = Parse(text);
            if (Cache.Count >= CacheLimit)
            {
                Cache.Clear();
            }
            Cache.TryAdd(text, parsed);
        }
        template = parsed.Template;
        error = parsed.Error;
        return template is not null;
    }

    /// <summary>Renders with the event's variables; values are written as they are (no HTML encoding: Salesforce fields are plain text).</summary>
    public string Render(ActivityVariables variables)
    {
        var context = new TemplateContext(Options);
        foreach (var (name, value) in variables.Values)
        {
            context.SetValue(name, value);
        }
        return _template.Render(context, NullEncoder.Default).Trim();
    }

    /// <summary>Renders, reporting a failure (too many steps, a filter given bad arguments) instead of throwing.</summary>
    public bool TryRender(ActivityVariables variables, out string text, out string? error)
    {
        try
        {
            text = Render(variables);
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or ParseException)
        {
            text = "";
            error = ex.Message;
            return false;
        }
    }

    private static (ActivityTemplate?, string?) Parse(string text)
    {
        if (Parser.TryParse(TemplateArithmetic.Rewrite(text), out var template, out var error))
        {
            return (new ActivityTemplate(text, template), null);
        }
        return (null, error);
    }
}
