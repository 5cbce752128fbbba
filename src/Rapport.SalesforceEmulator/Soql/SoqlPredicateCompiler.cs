using Row = System.Collections.Generic.IReadOnlyDictionary<string, object?>;

namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// Turns a bound WHERE clause into one delegate per query, so rows are tested without walking the
/// tree or looking at types again. Salesforce semantics: text compares case-insensitively; a null
/// field matches <c>= null</c>, <c>!= 'x'</c> and <c>NOT IN</c> but never <c>&lt;</c>, <c>&gt;</c>
/// or <c>LIKE</c>; a date literal is a day range, so <c>= THIS_MONTH</c> is "within it",
/// <c>&lt;</c> "before it" and <c>&gt;</c> "after it".
/// </summary>
internal static class SoqlPredicateCompiler
{
    public static Func<Row, bool> Compile(SoqlCondition condition, SoqlPreparedQuery prepared, SoqlParentResolver parents, DateOnly today)
    {
        switch (condition)
        {
            case SoqlAndCondition and:
            {
                var operands = and.Operands.Select(o => Compile(o, prepared, parents, today)).ToArray();
                if (operands.Length == 2)
                {
                    var (left, right) = (operands[0], operands[1]);
                    return row => left(row) && right(row);
                }
                return row => Array.TrueForAll(operands, operand => operand(row));
            }
            case SoqlOrCondition or:
            {
                var operands = or.Operands.Select(o => Compile(o, prepared, parents, today)).ToArray();
                if (operands.Length == 2)
                {
                    var (left, right) = (operands[0], operands[1]);
                    return row => left(row) || right(row);
                }
                return row => Array.Exists(operands, operand => operand(row));
            }
            case SoqlNotCondition not:
            {
                var operand = Compile(not.Operand, prepared, parents, today);
                return row => !operand(row);
            }
            case SoqlComparison comparison:
            {
                var bound = prepared.Comparisons[comparison];
                var read = SoqlAccessors.For(bound.Column, parents);
                var test = Test(bound, today);
                return row => test(read(row));
            }
            default:
                throw new InvalidOperationException($"Unknown condition {condition.GetType().Name}");
        }
    }

    private static Func<object?, bool> Test(SoqlBoundComparison bound, DateOnly today)
    {
        var category = bound.Column.Category;
        var op = bound.Operator;
        if (op is SoqlOperator.In or SoqlOperator.NotIn)
        {
            var contains = In(category, bound.Values, today);
            return op == SoqlOperator.In ? contains : value => !contains(value);
        }

        var literal = bound.Values[0];
        if (literal is null)
        {
            Func<object?, bool> isNull = category switch
            {
                SoqlValueCategory.Text or SoqlValueCategory.Id => value => SoqlValues.Text(value) is null,
                _ => value => value is null,
            };
            return op switch
            {
                SoqlOperator.Equal => isNull,
                SoqlOperator.NotEqual => value => !isNull(value),
                _ => _ => false,
            };
        }

        if (category is SoqlValueCategory.Date or SoqlValueCategory.DateTime)
        {
            return RangeTest(op, Range(category, literal, today), KeyOf(category));
        }

        if (op == SoqlOperator.Like)
        {
            var pattern = (SoqlLikePattern)literal;
            return value => SoqlValues.Text(value) is { } text && pattern.IsMatch(text);
        }

        if (op is SoqlOperator.Equal or SoqlOperator.NotEqual)
        {
            Func<object?, bool> equal = category switch
            {
                SoqlValueCategory.Text or SoqlValueCategory.Id => EqualText((string)literal),
                SoqlValueCategory.Boolean => EqualBoolean((bool)literal),
                _ => EqualNumber((decimal)literal),
            };
            return op == SoqlOperator.Equal ? equal : value => !equal(value);
        }

        Func<int, bool> holds = op switch
        {
            SoqlOperator.LessThan => c => c < 0,
            SoqlOperator.LessThanOrEqual => c => c <= 0,
            SoqlOperator.GreaterThan => c => c > 0,
            _ => c => c >= 0,
        };
        switch (category)
        {
            case SoqlValueCategory.Text:
            {
                var text = (string)literal;
                return value => SoqlValues.Text(value) is { } s && holds(string.Compare(s, text, StringComparison.OrdinalIgnoreCase));
            }
            case SoqlValueCategory.Id:
            {
                // Ids sort in base-62 order, which is ordinal order ('0' < 'A' < 'a'): "Id > '001…'" pages by id.
                var id = (string)literal;
                return value => SoqlValues.Text(value) is { } s && holds(string.CompareOrdinal(s, id));
            }
            default:
            {
                var number = (decimal)literal;
                return value => SoqlValues.CompareNumber(value, number) is { } c && holds(c);
            }
        }
    }

    private static Func<object?, bool> EqualText(string literal) =>
        value => value is string s && string.Equals(s, literal, StringComparison.OrdinalIgnoreCase);

    private static Func<object?, bool> EqualBoolean(bool literal) => value => value is bool b && b == literal;

    private static Func<object?, bool> EqualNumber(decimal literal) => value => SoqlValues.CompareNumber(value, literal) == 0;

    private static Func<object?, bool> In(SoqlValueCategory category, IReadOnlyList<object?> values, DateOnly today)
    {
        var hasNull = values.Any(v => v is null);
        var present = values.Where(v => v is not null).Select(v => v!).ToArray();
        switch (category)
        {
            case SoqlValueCategory.Text or SoqlValueCategory.Id:
            {
                var set = new HashSet<string>(present.Cast<string>(), StringComparer.OrdinalIgnoreCase);
                return value => SoqlValues.Text(value) is { } s ? set.Contains(s) : hasNull;
            }
            case SoqlValueCategory.Boolean:
            {
                var hasTrue = present.Contains(true);
                var hasFalse = present.Contains(false);
                return value => value is bool b ? (b ? hasTrue : hasFalse) : hasNull;
            }
            case SoqlValueCategory.Number:
            {
                var numbers = present.Cast<decimal>().ToArray();
                return value => value is null
                    ? hasNull
                    : Array.Exists(numbers, n => SoqlValues.CompareNumber(value, n) == 0);
            }
            default:
            {
                var ranges = present.Select(v => Range(category, v, today)).ToArray();
                var key = KeyOf(category);
                return value => key(value) is { } k
                    ? Array.Exists(ranges, r => r.Low <= k && k < r.High)
                    : hasNull;
            }
        }
    }

    private static Func<object?, long?> KeyOf(SoqlValueCategory category) =>
        category == SoqlValueCategory.Date ? SoqlValues.Day : SoqlValues.Instant;

    private static Func<object?, bool> RangeTest(SoqlOperator op, (long Low, long High) range, Func<object?, long?> key)
    {
        var (low, high) = range;
        return op switch
        {
            SoqlOperator.Equal => value => key(value) is { } k && low <= k && k < high,
            SoqlOperator.NotEqual => value => !(key(value) is { } k && low <= k && k < high),
            SoqlOperator.LessThan => value => key(value) < low,
            SoqlOperator.LessThanOrEqual => value => key(value) < high,
            SoqlOperator.GreaterThan => value => key(value) >= high,
            _ => value => key(value) >= low,
        };
    }

    /// <summary>
    /// A literal as a half-open range in the field's units: day numbers for date fields, UTC ticks
    /// for dateTime fields. An exact value is a range of one unit.
    /// </summary>
    private static (long Low, long High) Range(SoqlValueCategory category, object literal, DateOnly today)
    {
        if (literal is SoqlDateLiteral dateLiteral)
        {
            var (start, end) = SoqlDateLiterals.Resolve(dateLiteral, today);
            return category == SoqlValueCategory.Date
                ? (start.DayNumber, end.DayNumber)
                : (start.ToDateTime(TimeOnly.MinValue).Ticks, end.ToDateTime(TimeOnly.MinValue).Ticks);
        }
        return literal switch
        {
            DateOnly date => (date.DayNumber, date.DayNumber + 1L),
            DateTimeOffset instant => (instant.UtcTicks, instant.UtcTicks + 1),
            _ => throw new InvalidOperationException($"Not a date value: {literal}"),
        };
    }
}
