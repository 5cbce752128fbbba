namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// A LIKE pattern: <c>%</c> matches any run of characters, <c>_</c> exactly one, <c>\%</c> and
/// <c>\_</c> themselves; matching is case-insensitive, as Salesforce's is. The common shapes
/// (<c>abc</c>, <c>abc%</c>, <c>%abc</c>, <c>%abc%</c>) use the string methods; the rest a wildcard
/// matcher that backtracks only to the last <c>%</c>.
/// </summary>
internal sealed class SoqlLikePattern
{
    private enum Shape
    {
        Exact,
        Prefix,
        Suffix,
        Contains,
        General,
    }

    // Pattern elements: a literal character, or one of the two wildcards.
    private const int AnyOne = -1;
    private const int AnyRun = -2;

    private readonly Shape _shape;
    private readonly string _literal = "";
    private readonly int[] _elements = [];

    public SoqlLikePattern(string escapedPattern)
    {
        var elements = new List<int>();
        for (var i = 0; i < escapedPattern.Length; i++)
        {
            var c = escapedPattern[i];
            if (c == '\\' && i + 1 < escapedPattern.Length)
            {
                elements.Add(escapedPattern[++i]);
            }
            else if (c == '%')
            {
                // Consecutive % mean the same as one.
                if (elements.Count == 0 || elements[^1] != AnyRun)
                {
                    elements.Add(AnyRun);
                }
            }
            else
            {
                elements.Add(c == '_' ? AnyOne : c);
            }
        }

        var inner = elements.Count;
        var leading = elements.Count > 0 && elements[0] == AnyRun;
        var trailing = elements.Count > (leading ? 1 : 0) && elements[^1] == AnyRun;
        var literalPart = elements.Skip(leading ? 1 : 0).Take(inner - (leading ? 1 : 0) - (trailing ? 1 : 0)).ToArray();
        if (literalPart.Any(e => e < 0))
        {
            _shape = Shape.General;
            _elements = [.. elements];
            return;
        }
        _literal = new string(literalPart.Select(e => (char)e).ToArray());
        _shape = (leading, trailing) switch
        {
            (false, false) => Shape.Exact,
            (false, true) => Shape.Prefix,
            (true, false) => Shape.Suffix,
            _ => Shape.Contains,
        };
    }

    public bool IsMatch(string value) => _shape switch
    {
        Shape.Exact => string.Equals(value, _literal, StringComparison.OrdinalIgnoreCase),
        Shape.Prefix => value.StartsWith(_literal, StringComparison.OrdinalIgnoreCase),
        Shape.Suffix => value.EndsWith(_literal, StringComparison.OrdinalIgnoreCase),
        Shape.Contains => value.Contains(_literal, StringComparison.OrdinalIgnoreCase),
        _ => MatchGeneral(value),
    };

    private bool MatchGeneral(string value)
    {
        int v = 0, p = 0, runAt = -1, resumeAt = 0;
        while (v < value.Length)
        {
            if (p < _elements.Length && _elements[p] == AnyRun)
            {
                runAt = p++;
                resumeAt = v;
            }
            else if (p < _elements.Length && (_elements[p] == AnyOne || SameIgnoringCase((char)_elements[p], value[v])))
            {
                p++;
                v++;
            }
            else if (runAt >= 0)
            {
                // Let the last % swallow one more character and retry from there.
                p = runAt + 1;
                v = ++resumeAt;
            }
            else
            {
                return false;
            }
        }
        while (p < _elements.Length && _elements[p] == AnyRun)
        {
            p++;
        }
        return p == _elements.Length;
    }

    private static bool SameIgnoringCase(char a, char b) =>
        a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b);
}
