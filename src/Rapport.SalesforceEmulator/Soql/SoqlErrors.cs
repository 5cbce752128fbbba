namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// Builds error messages in Salesforce's shape: the query line around the offending token, a caret
/// under it, <c>ERROR at Row:r:Column:c</c> and the reason, e.g.
/// <c>"\nSELECT Id FRM Contact\n          ^\nERROR at Row:1:Column:11\nunexpected token: 'FRM'"</c>.
/// </summary>
/// <remarks>
/// Real orgs do not echo a long line whole: messages collected from client libraries' issue trackers
/// show the five tokens before the offending one and the four after it, cut from the same line
/// (for instance <c>"\nContact WHERE Email = liam.carter@example.com ORDER BY CreatedDate\n…Column:54\nunexpected token: '@'"</c>).
/// Parentheses are not counted, since <c>COUNT()</c> is echoed whole in the same reports.
/// Since Summer '24 the token is quoted (<c>unexpected token: 'OR'</c>).
/// </remarks>
internal static class SoqlErrors
{
    private const int TokensBefore = 5;
    private const int TokensAfter = 4;

    public static SoqlException UnexpectedToken(SoqlQuery query, SoqlToken token) =>
        At(query.Text, query.Tokens, token.Offset, SoqlErrorCodes.MalformedQuery, $"unexpected token: '{token.Display}'");

    public static SoqlException NoSuchColumn(SoqlQuery query, SoqlPosition position, string field, string entity) =>
        At(query, position, SoqlErrorCodes.InvalidField,
            $"No such column '{field}' on entity '{entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.");

    public static SoqlException UnknownRelationship(SoqlQuery query, SoqlPosition position, string relationship) =>
        At(query, position, SoqlErrorCodes.InvalidField,
            $"Didn't understand relationship '{relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.");

    public static SoqlException UnknownObject(SoqlQuery query) =>
        At(query, query.FromPosition, SoqlErrorCodes.InvalidType,
            $"sObject type '{query.From}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.");

    public static SoqlException At(SoqlQuery query, SoqlPosition position, string errorCode, string reason) =>
        At(query.Text, query.Tokens, position.Offset, errorCode, reason);

    private static SoqlException At(string text, IReadOnlyList<SoqlToken> tokens, int offset, string errorCode, string reason)
    {
        var index = IndexAt(tokens, offset);
        var token = tokens[index];

        var first = index;
        for (var counted = 0; first > 0 && tokens[first - 1].Line == token.Line && counted < TokensBefore; first--)
        {
            if (Counts(tokens[first - 1]))
            {
                counted++;
            }
        }
        var last = index;
        for (var counted = 0; last + 1 < tokens.Count && tokens[last + 1].Kind != SoqlTokenKind.EndOfInput
            && tokens[last + 1].Line == token.Line && counted < TokensAfter; last++)
        {
            if (Counts(tokens[last + 1]))
            {
                counted++;
            }
        }

        var start = tokens[first].Offset;
        var end = tokens[last].Offset + tokens[last].Text.Length;
        var snippet = text[start..Math.Max(start, end)];
        // A multi-line string literal would break the picture; Salesforce shows one line.
        var newline = snippet.IndexOf('\n', StringComparison.Ordinal);
        if (newline >= 0)
        {
            snippet = snippet[..newline].TrimEnd('\r');
        }
        var caret = new string(' ', token.Offset - start) + "^";
        return new SoqlException(
            errorCode,
            $"\n{snippet}\n{caret}\nERROR at Row:{token.Line}:Column:{token.Column}\n{reason}",
            token.Line,
            token.Column);

        static bool Counts(SoqlToken t) => t.Kind is not (SoqlTokenKind.LeftParen or SoqlTokenKind.RightParen);
    }

    private static int IndexAt(IReadOnlyList<SoqlToken> tokens, int offset)
    {
        // Tokens are in offset order; positions always come from a token's start.
        int low = 0, high = tokens.Count - 1;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (tokens[mid].Offset < offset)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }
}
