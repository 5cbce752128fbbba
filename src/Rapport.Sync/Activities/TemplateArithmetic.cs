using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Rapport.Sync.Activities;

/// <summary>
/// Rewrites the Scriban-style arithmetic the default rules use (<c>{{ item_index + 1 }}</c>) into
/// Liquid filters (<c>{{ item_index | plus: 1 }}</c>), since Liquid has no infix operators. Only a
/// variable (or number) followed by <c>+</c>, <c>-</c> or <c>*</c> with integer literals is
/// rewritten; anything else is left for the parser to accept or report.
/// </summary>
internal static partial class TemplateArithmetic
{
    public static string Rewrite(string text) => OutputTag().Replace(text, match =>
    {
        var body = match.Groups["body"].Value;
        var pipe = body.IndexOf('|', StringComparison.Ordinal);
        var expression = pipe < 0 ? body : body[..pipe];
        var filters = pipe < 0 ? "" : " " + body[pipe..].Trim();
        var arithmetic = Arithmetic().Match(expression);
        if (!arithmetic.Success)
        {
            return match.Value;
        }
        var rewritten = new StringBuilder(arithmetic.Groups["head"].Value);
        foreach (Match operation in Operation().Matches(arithmetic.Groups["ops"].Value))
        {
            var filter = operation.Groups["op"].Value switch
            {
                "+" => "plus",
                "-" => "minus",
                _ => "times",
            };
            rewritten.Append(CultureInfo.InvariantCulture, $" | {filter}: {operation.Groups["n"].Value}");
        }
        return "{{" + match.Groups["l"].Value + " " + rewritten + filters + " " + match.Groups["r"].Value + "}}";
    });

    [GeneratedRegex(@"\{\{(?<l>-?)(?<body>.*?)(?<r>-?)\}\}", RegexOptions.Singleline)]
    private static partial Regex OutputTag();

    [GeneratedRegex(@"^\s*(?<head>[A-Za-z_][\w.]*|\d+)(?<ops>(?:\s*[+\-*]\s*\d+)+)\s*$")]
    private static partial Regex Arithmetic();

    [GeneratedRegex(@"(?<op>[+\-*])\s*(?<n>\d+)")]
    private static partial Regex Operation();
}
