using System.Globalization;

namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// Recursive-descent parser for the SOQL subset the emulator answers:
/// <code>
/// query      := SELECT selectList FROM name [alias] [WHERE condition] [ORDER BY orderItem {, orderItem}]
///               [LIMIT integer] [OFFSET integer]
/// selectList := COUNT() | item {, item}          item := path | COUNT(path) [alias]
/// condition  := unary {AND unary} | unary {OR unary}   (AND and OR cannot be mixed without parentheses)
/// unary      := NOT unary | ( condition ) | path op value | path [NOT] IN ( value {, value} )
/// value      := string | number | TRUE | FALSE | NULL | date | dateTime | dateLiteral [: n]
/// orderItem  := path [ASC | DESC] [NULLS FIRST | NULLS LAST]
/// </code>
/// Keywords are case-insensitive. Structure follows the SOQL and SOSL Reference; anything outside the
/// subset (GROUP BY, subqueries, WITH, FOR UPDATE …) is reported as an unexpected token.
/// </summary>
public sealed class SoqlParser
{
    // Salesforce's reserved words (SOQL reference, "Reserved Characters and Keywords") plus the clause
    // words that may follow an object name, so none of them is mistaken for an alias.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "AND", "ASC", "DESC", "EXCLUDES", "FIRST", "FROM", "GROUP", "HAVING", "IN", "INCLUDES", "LAST", "LIKE",
        "LIMIT", "NOT", "NULL", "NULLS", "OR", "SELECT", "WHERE", "WITH", "ORDER", "OFFSET", "FOR", "USING",
        "UPDATE", "TRUE", "FALSE", "TYPEOF", "BY",
    };

    /// <summary>The largest OFFSET Salesforce accepts.</summary>
    public const int MaxOffset = 2000;

    private readonly SoqlQuery _query;
    private readonly IReadOnlyList<SoqlToken> _tokens;
    private int _index;
    private SoqlToken? _bindVariable;

    private SoqlParser(SoqlQuery query)
    {
        _query = query;
        _tokens = query.Tokens;
    }

    /// <summary>Parses a query, or throws <see cref="SoqlException"/> with Salesforce's code and message.</summary>
    public static SoqlQuery Parse(string soql)
    {
        ArgumentNullException.ThrowIfNull(soql);
        var query = new SoqlQuery(soql, SoqlLexer.Tokenize(soql));
        new SoqlParser(query).ParseQuery();
        return query;
    }

    private SoqlToken Current => _tokens[_index];

    private SoqlToken Advance() => _tokens[_index++];

    private bool AtKeyword(string keyword) => Current.IsKeyword(keyword);

    private SoqlException Unexpected() => SoqlErrors.UnexpectedToken(_query, Current);

    private void ExpectKeyword(string keyword)
    {
        if (!AtKeyword(keyword))
        {
            throw Unexpected();
        }
        _index++;
    }

    private SoqlToken Expect(SoqlTokenKind kind)
    {
        if (Current.Kind != kind)
        {
            throw Unexpected();
        }
        return Advance();
    }

    private void ParseQuery()
    {
        ExpectKeyword("SELECT");
        ParseSelectList();
        ExpectKeyword("FROM");
        var from = Current;
        if (from.Kind != SoqlTokenKind.Identifier || Reserved.Contains(from.Text) || from.Text.Contains('.', StringComparison.Ordinal))
        {
            throw Unexpected();
        }
        _index++;
        _query.From = from.Text;
        _query.FromPosition = from.Position;
        if (Current.Kind == SoqlTokenKind.Identifier && !Reserved.Contains(Current.Text) && !Current.Text.Contains('.', StringComparison.Ordinal))
        {
            _query.FromAlias = Advance().Text;
        }

        if (AtKeyword("WHERE"))
        {
            _index++;
            _query.Where = ParseCondition();
        }
        if (AtKeyword("ORDER"))
        {
            _index++;
            ExpectKeyword("BY");
            _query.OrderBy = ParseOrderBy();
        }
        if (AtKeyword("LIMIT"))
        {
            _index++;
            _query.Limit = ParseCount();
        }
        if (AtKeyword("OFFSET"))
        {
            _index++;
            var offsetToken = Current;
            var offset = ParseCount();
            if (offset > MaxOffset)
            {
                throw new SoqlException(SoqlErrorCodes.NumberOutsideValidRange, $"Maximum SOQL offset allowed is {MaxOffset}", offsetToken.Line, offsetToken.Column);
            }
            _query.Offset = offset;
        }
        if (Current.Kind != SoqlTokenKind.EndOfInput)
        {
            throw Unexpected();
        }
        if (_bindVariable is { } name)
        {
            // A bare name where a value belongs parses (Apex binds are names), and only then is refused:
            // "Bind variables only allowed in Apex Code", as Salesforce answers "WHERE A__c > B__c".
            throw SoqlErrors.At(_query, name.Position, SoqlErrorCodes.MalformedQuery, "Bind variables only allowed in Apex Code");
        }
    }

    private void ParseSelectList()
    {
        var fields = new List<SoqlFieldPath>();
        var aggregates = new List<SoqlAggregate>();
        do
        {
            if (AtKeyword("COUNT") && _tokens[_index + 1].Kind == SoqlTokenKind.LeftParen)
            {
                var count = Advance();
                _index++;
                if (Current.Kind == SoqlTokenKind.RightParen)
                {
                    _index++;
                    // COUNT() stands alone: anything before or after it is a syntax error, as in Salesforce.
                    if (fields.Count > 0 || aggregates.Count > 0 || _query.IsCount)
                    {
                        throw SoqlErrors.UnexpectedToken(_query, count);
                    }
                    _query.IsCount = true;
                    if (Current.Kind == SoqlTokenKind.Comma)
                    {
                        throw Unexpected();
                    }
                    continue;
                }
                var counted = ParsePath();
                Expect(SoqlTokenKind.RightParen);
                string? alias = null;
                if (Current.Kind == SoqlTokenKind.Identifier && !Reserved.Contains(Current.Text) && !Current.Text.Contains('.', StringComparison.Ordinal))
                {
                    alias = Advance().Text;
                }
                aggregates.Add(new SoqlAggregate(counted, alias, count.Position));
                continue;
            }
            if (_query.IsCount)
            {
                throw Unexpected();
            }
            fields.Add(ParsePath());
        }
        while (Current.Kind == SoqlTokenKind.Comma && Advance().Kind == SoqlTokenKind.Comma);
        _query.Fields = fields;
        _query.Aggregates = aggregates;
    }

    private SoqlFieldPath ParsePath()
    {
        var token = Current;
        if (token.Kind != SoqlTokenKind.Identifier || Reserved.Contains(token.Text))
        {
            throw Unexpected();
        }
        _index++;
        return new SoqlFieldPath(token.Text.Split('.'), token.Text, token.Position);
    }

    private SoqlCondition ParseCondition()
    {
        var first = ParseUnary();
        string? joiner = AtKeyword("AND") ? "AND" : AtKeyword("OR") ? "OR" : null;
        if (joiner is null)
        {
            return first;
        }
        var operands = new List<SoqlCondition> { first };
        while (AtKeyword(joiner))
        {
            _index++;
            operands.Add(ParseUnary());
        }
        // "Client applications must specify parentheses when nesting operators": a AND b OR c is rejected.
        if (AtKeyword("AND") || AtKeyword("OR"))
        {
            throw Unexpected();
        }
        return joiner == "AND" ? new SoqlAndCondition(operands) : new SoqlOrCondition(operands);
    }

    private SoqlCondition ParseUnary()
    {
        if (AtKeyword("NOT"))
        {
            _index++;
            return new SoqlNotCondition(ParseUnary());
        }
        if (Current.Kind == SoqlTokenKind.LeftParen)
        {
            _index++;
            var inner = ParseCondition();
            Expect(SoqlTokenKind.RightParen);
            return inner;
        }
        return ParseComparison();
    }

    private SoqlComparison ParseComparison()
    {
        var field = ParsePath();
        var token = Current;
        SoqlOperator op;
        switch (token.Kind)
        {
            case SoqlTokenKind.Equal: op = SoqlOperator.Equal; break;
            case SoqlTokenKind.NotEqual: op = SoqlOperator.NotEqual; break;
            case SoqlTokenKind.Less: op = SoqlOperator.LessThan; break;
            case SoqlTokenKind.LessOrEqual: op = SoqlOperator.LessThanOrEqual; break;
            case SoqlTokenKind.Greater: op = SoqlOperator.GreaterThan; break;
            case SoqlTokenKind.GreaterOrEqual: op = SoqlOperator.GreaterThanOrEqual; break;
            case SoqlTokenKind.Identifier when token.IsKeyword("LIKE"): op = SoqlOperator.Like; break;
            case SoqlTokenKind.Identifier when token.IsKeyword("IN"): op = SoqlOperator.In; break;
            case SoqlTokenKind.Identifier when token.IsKeyword("NOT") && _tokens[_index + 1].IsKeyword("IN"):
                _index++;
                op = SoqlOperator.NotIn;
                break;
            default:
                throw Unexpected();
        }
        _index++;

        if (op is SoqlOperator.In or SoqlOperator.NotIn)
        {
            Expect(SoqlTokenKind.LeftParen);
            var values = new List<SoqlLiteral> { ParseValue() };
            while (Current.Kind == SoqlTokenKind.Comma)
            {
                _index++;
                values.Add(ParseValue());
            }
            Expect(SoqlTokenKind.RightParen);
            return new SoqlComparison(field, op, values);
        }
        return new SoqlComparison(field, op, [ParseValue()]);
    }

    private SoqlLiteral ParseValue()
    {
        var token = Current;
        switch (token.Kind)
        {
            case SoqlTokenKind.String:
                _index++;
                return new SoqlLiteral(SoqlLiteralKind.String, token.Value, token.Text, token.Position) { LikePattern = token.LikePattern };
            case SoqlTokenKind.Number:
                _index++;
                return new SoqlLiteral(SoqlLiteralKind.Number, token.Value, token.Text, token.Position);
            case SoqlTokenKind.Date:
                _index++;
                return new SoqlLiteral(SoqlLiteralKind.Date, token.Value, token.Text, token.Position);
            case SoqlTokenKind.DateTime:
                _index++;
                return new SoqlLiteral(SoqlLiteralKind.DateTime, token.Value, token.Text, token.Position);
            case SoqlTokenKind.Identifier when token.IsKeyword("TRUE") || token.IsKeyword("FALSE"):
                _index++;
                return new SoqlLiteral(SoqlLiteralKind.Boolean, token.IsKeyword("TRUE"), token.Text, token.Position);
            case SoqlTokenKind.Identifier when token.IsKeyword("NULL"):
                _index++;
                return new SoqlLiteral(SoqlLiteralKind.Null, null, token.Text, token.Position);
            case SoqlTokenKind.Identifier when SoqlDateLiterals.IsPlain(token.Text):
                _index++;
                return new SoqlLiteral(SoqlLiteralKind.DateLiteral, new SoqlDateLiteral(token.Text.ToUpperInvariant(), null), token.Text, token.Position);
            case SoqlTokenKind.Identifier when SoqlDateLiterals.TakesN(token.Text):
                _index++;
                Expect(SoqlTokenKind.Colon);
                var number = Current;
                if (number.Kind != SoqlTokenKind.Number || !int.TryParse(number.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    throw Unexpected();
                }
                _index++;
                var text = _query.Text[token.Offset..(number.Offset + number.Text.Length)];
                return new SoqlLiteral(SoqlLiteralKind.DateLiteral, new SoqlDateLiteral(token.Text.ToUpperInvariant(), n), text, token.Position);
            case SoqlTokenKind.Identifier when !Reserved.Contains(token.Text):
                _index++;
                _bindVariable ??= token;
                return new SoqlLiteral(SoqlLiteralKind.Null, null, token.Text, token.Position);
            default:
                throw Unexpected();
        }
    }

    private List<SoqlOrderBy> ParseOrderBy()
    {
        var items = new List<SoqlOrderBy>();
        do
        {
            var field = ParsePath();
            var descending = false;
            if (AtKeyword("ASC"))
            {
                _index++;
            }
            else if (AtKeyword("DESC"))
            {
                _index++;
                descending = true;
            }
            var nullsLast = descending;
            if (AtKeyword("NULLS"))
            {
                _index++;
                if (AtKeyword("FIRST"))
                {
                    nullsLast = false;
                }
                else if (AtKeyword("LAST"))
                {
                    nullsLast = true;
                }
                else
                {
                    throw Unexpected();
                }
                _index++;
            }
            items.Add(new SoqlOrderBy(field, descending, nullsLast));
        }
        while (Current.Kind == SoqlTokenKind.Comma && Advance().Kind == SoqlTokenKind.Comma);
        return items;
    }

    private int ParseCount()
    {
        var token = Current;
        if (token.Kind != SoqlTokenKind.Number)
        {
            throw Unexpected();
        }
        if (!int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            if (token.Text.All(char.IsAsciiDigit))
            {
                throw new SoqlException(SoqlErrorCodes.MalformedQuery, $"numeric value out of range: {token.Text}", token.Line, token.Column);
            }
            throw Unexpected();
        }
        _index++;
        return value;
    }
}
