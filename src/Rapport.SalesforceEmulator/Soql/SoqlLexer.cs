using System.Globalization;
using System.Text;

namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// Splits SOQL text into tokens. A dotted name (<c>Account.Owner.Email</c>) is one identifier token,
/// which is also how Salesforce counts tokens when it echoes the query around an error.
/// Date and dateTime literals are unquoted (<c>2024-01-02</c>, <c>2024-01-02T03:04:05.123+01:00</c>),
/// as the SOQL reference's "Date Formats and Date Literals" page defines them.
/// </summary>
internal sealed class SoqlLexer
{
    private readonly string _text;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private SoqlLexer(string text)
    {
        _text = text;
    }

    public static List<SoqlToken> Tokenize(string text)
    {
        var lexer = new SoqlLexer(text);
        var tokens = new List<SoqlToken>();
        while (true)
        {
            var token = lexer.Next();
            tokens.Add(token);
            if (token.Kind == SoqlTokenKind.EndOfInput)
            {
                return tokens;
            }
        }
    }

    private int Column => _pos - _lineStart + 1;

    private SoqlToken Next()
    {
        SkipWhitespace();
        if (_pos >= _text.Length)
        {
            return new SoqlToken(SoqlTokenKind.EndOfInput, "", _pos, _line, Column);
        }

        var start = _pos;
        var line = _line;
        var column = Column;
        var c = _text[_pos];

        if (char.IsAsciiLetter(c) || c == '_')
        {
            return ReadIdentifier(start, line, column);
        }
        if (char.IsAsciiDigit(c))
        {
            return LooksLikeDate(start) ? ReadDate(start, line, column) : ReadNumber(start, line, column);
        }
        if ((c == '-' || c == '+') && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1]))
        {
            // SOQL has no arithmetic, so a sign before a digit can only belong to a number literal.
            return ReadNumber(start, line, column);
        }
        if (c == '\'')
        {
            return ReadString(start, line, column);
        }

        _pos++;
        switch (c)
        {
            case ',': return Simple(SoqlTokenKind.Comma);
            case '(': return Simple(SoqlTokenKind.LeftParen);
            case ')': return Simple(SoqlTokenKind.RightParen);
            case ':': return Simple(SoqlTokenKind.Colon);
            case '=': return Simple(SoqlTokenKind.Equal);
            case '!' when Peek('='):
                _pos++;
                return Simple(SoqlTokenKind.NotEqual);
            case '<' when Peek('='):
                _pos++;
                return Simple(SoqlTokenKind.LessOrEqual);
            case '<' when Peek('>'):
                _pos++;
                return Simple(SoqlTokenKind.NotEqual);
            case '<': return Simple(SoqlTokenKind.Less);
            case '>' when Peek('='):
                _pos++;
                return Simple(SoqlTokenKind.GreaterOrEqual);
            case '>': return Simple(SoqlTokenKind.Greater);
            default:
                // A character outside the grammar becomes a token of its own, so the parser reports it
                // like any other: "unexpected token: '@'" with the query echoed.
                return Simple(SoqlTokenKind.Unknown);
        }

        SoqlToken Simple(SoqlTokenKind kind) => new(kind, _text[start.._pos], start, line, column);
    }

    private bool Peek(char expected) => _pos < _text.Length && _text[_pos] == expected;

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            if (_text[_pos] == '\n')
            {
                _line++;
                _lineStart = _pos + 1;
            }
            _pos++;
        }
    }

    private SoqlToken ReadIdentifier(int start, int line, int column)
    {
        while (true)
        {
            while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            {
                _pos++;
            }
            var continuesPath = _pos + 1 < _text.Length && _text[_pos] == '.'
                && (char.IsAsciiLetter(_text[_pos + 1]) || _text[_pos + 1] == '_');
            if (!continuesPath)
            {
                break;
            }
            _pos++;
        }
        return new SoqlToken(SoqlTokenKind.Identifier, _text[start.._pos], start, line, column);
    }

    private bool LooksLikeDate(int start) =>
        start + 4 < _text.Length
        && char.IsAsciiDigit(_text[start + 1])
        && char.IsAsciiDigit(_text[start + 2])
        && char.IsAsciiDigit(_text[start + 3])
        && _text[start + 4] == '-';

    private SoqlToken ReadNumber(int start, int line, int column)
    {
        if (_text[_pos] is '-' or '+')
        {
            _pos++;
        }
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            _pos++;
        }
        if (_pos + 1 < _text.Length && _text[_pos] == '.' && char.IsAsciiDigit(_text[_pos + 1]))
        {
            _pos++;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }
        }
        var text = _text[start.._pos];
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new SoqlException(SoqlErrorCodes.MalformedQuery, $"numeric value out of range: {text}", line, column);
        }
        return new SoqlToken(SoqlTokenKind.Number, text, start, line, column) { Value = value };
    }

    private SoqlToken ReadDate(int start, int line, int column)
    {
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is ':' or '.' or '+' or '-'))
        {
            _pos++;
        }
        var text = _text[start.._pos];
        if (text.Length == 10)
        {
            if (SoqlDateParser.TryParseDate(text, out var date))
            {
                return new SoqlToken(SoqlTokenKind.Date, text, start, line, column) { Value = date };
            }
            throw new SoqlException(SoqlErrorCodes.MalformedQuery, $"Invalid date: {text}", line, column);
        }
        if (SoqlDateParser.TryParseDateTime(text, out var dateTime))
        {
            return new SoqlToken(SoqlTokenKind.DateTime, text, start, line, column) { Value = dateTime };
        }
        // Wording from the Summer '24 release notes ("Invalid datetime: 2020-12-12t12:12:00-25:00").
        throw new SoqlException(SoqlErrorCodes.MalformedQuery, $"Invalid datetime: {text}", line, column);
    }

    private SoqlToken ReadString(int start, int line, int column)
    {
        _pos++; // opening quote
        var value = new StringBuilder();
        var pattern = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                // An unterminated literal: the parser reports the rest of the query as the unexpected token.
                return new SoqlToken(SoqlTokenKind.Unknown, _text[start..], start, line, column);
            }
            var c = _text[_pos++];
            if (c == '\'')
            {
                break;
            }
            if (c == '\n')
            {
                _line++;
                _lineStart = _pos;
            }
            if (c != '\\')
            {
                value.Append(c);
                pattern.Append(c);
                continue;
            }
            if (_pos >= _text.Length)
            {
                continue; // reported as an unterminated literal on the next turn
            }
            var escape = _text[_pos++];
            switch (escape)
            {
                case '\'' or '"':
                    value.Append(escape);
                    pattern.Append(escape);
                    break;
                case '\\':
                    value.Append('\\');
                    pattern.Append("\\\\");
                    break;
                case 'n': Append('\n'); break;
                case 'r': Append('\r'); break;
                case 't': Append('\t'); break;
                case 'b': Append('\b'); break;
                case 'f': Append('\f'); break;
                case 'u' when _pos + 4 <= _text.Length
                    && int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    _pos += 4;
                    Append((char)code);
                    break;
                case '%' or '_':
                    // A literal wildcard character: only LIKE gives it meaning (SOQL reference, "Quoted String Escape Sequences").
                    value.Append(escape);
                    pattern.Append('\\').Append(escape);
                    break;
                default:
                    var literal = _text[start.._pos];
                    throw new SoqlException(
                        SoqlErrorCodes.MalformedQuery,
                        $"Invalid string literal '{literal}'. Illegal character sequence '\\{escape}' in string literal.",
                        line,
                        column);
            }
        }
        return new SoqlToken(SoqlTokenKind.String, _text[start.._pos], start, line, column)
        {
            Value = value.ToString(),
            LikePattern = pattern.ToString(),
        };

        void Append(char decoded)
        {
            value.Append(decoded);
            if (decoded == '\\')
            {
                pattern.Append('\\');
            }
            pattern.Append(decoded);
        }
    }
}
