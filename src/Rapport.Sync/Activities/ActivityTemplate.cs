using System.Collections.Concurrent;
using System.Globalization;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Rapport.Sync.Activities;

/// <summary>
/// A Subject or Description template of an activity rule, in Scriban (seed 001's defaults use its
/// arithmetic: <c>{{ item_index + 1 }}</c>). Missing variables render empty. Parsed templates are
/// cached by their text, so a rule is parsed once per process.
/// </summary>
public sealed class ActivityTemplate
{
    // A handful of rules per connection; the bound only guards against settings churn filling memory.
    private const int CacheLimit = 1_000;
    private static readonly ConcurrentDictionary<string, (ActivityTemplate? Template, string? Error)> Cache = new(StringComparer.Ordinal);

    private readonly Template _template;

    private ActivityTemplate(string text, Template template)
    {
        Text = text;
        _template = template;
    }

    /// <summary>The template as configured.</summary>
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
        // Templates come from the admin and values from whoever sends events: only plain values are
        // exposed (no .NET objects), no template loader is set (so `include` cannot read files), and a
        // runaway loop or a huge string fails its activity instead of hanging the dispatcher.
        var context = new TemplateContext
        {
            StrictVariables = false,
            LoopLimit = 1_000,
            RecursiveLimit = 10,
            ObjectRecursionLimit = 20,
            LimitToString = ActivityText.DescriptionMaxLength * 2,
            RegexTimeOut = TimeSpan.FromSeconds(1),
        };
        context.PushCulture(CultureInfo.InvariantCulture);
        var globals = new ScriptObject();
        foreach (var (name, value) in variables.Values)
        {
            globals.SetValue(name, ScriptValue(value), readOnly: false);
        }
        context.PushGlobal(globals);
        return _template.Render(context).Trim();
    }

    /// <summary>Renders, reporting a failure (a loop past its limit, a function given bad arguments) instead of throwing.</summary>
    public bool TryRender(ActivityVariables variables, out string text, out string? error)
    {
        try
        {
            text = Render(variables);
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is ScriptRuntimeException or InvalidOperationException or ArgumentException or FormatException or OverflowException or InvalidCastException)
        {
            text = "";
            error = ex.Message;
            return false;
        }
    }

    private static (ActivityTemplate?, string?) Parse(string text)
    {
        if (UnclosedCodeBlock(text) is { } unclosed)
        {
            return (null, unclosed);
        }
        var template = Template.Parse(text);
        if (template.HasErrors)
        {
            return (null, string.Join("; ", template.Messages.Select(m => m.ToString())));
        }
        return (new ActivityTemplate(text, template), null);
    }

    /// <summary>
    /// Scriban lets a code block run to the end of the text, so "Score {{ score " would render
    /// "Score 9": fine for a file, but in a one-line Subject a missing "}}" is a typing slip to point at.
    /// </summary>
    private static string? UnclosedCodeBlock(string text)
    {
        Token? open = null;
        foreach (var token in new Lexer(text))
        {
            if (token.Type == TokenType.CodeEnter)
            {
                open = token;
            }
            else if (token.Type == TokenType.CodeExit)
            {
                open = null;
            }
        }
        return open is { } enter
            ? $"The \"{{{{\" at line {enter.Start.Line + 1}, column {enter.Start.Column + 1} is never closed with \"}}}}\"."
            : null;
    }

    private static object? ScriptValue(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> map => ScriptObjectOf(map),
        IEnumerable<object?> list => new ScriptArray(list.Select(ScriptValue)),
        _ => value,
    };

    private static ScriptObject ScriptObjectOf(IReadOnlyDictionary<string, object?> map)
    {
        var result = new ScriptObject();
        foreach (var (name, value) in map)
        {
            result.SetValue(name, ScriptValue(value), readOnly: false);
        }
        return result;
    }
}
