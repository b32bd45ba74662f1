using Cauce.Ml.Randomness;

namespace Cauce.Ml.Data.Samples;

/// <summary>
/// One value of a categorical column with the four dirty spellings real exports have: a leading space, a trailing
/// space, all upper case and all lower case (<c>" Fibra"</c>, <c>"Fibra "</c>, <c>"FIBRA"</c>, <c>"fibra"</c>).
/// The spellings are held as UTF-8 bytes, ready to copy into a row.
/// </summary>
internal sealed class Category
{
    private readonly byte[] _clean;
    private readonly byte[][] _dirty;

    public Category(string value)
    {
        Value = value;
        _clean = CsvRowWriter.Literal(value);
        _dirty =
        [
            CsvRowWriter.Literal(" " + value),
            CsvRowWriter.Literal(value + " "),
            CsvRowWriter.Literal(SpanishCase.Upper(value)),
            CsvRowWriter.Literal(SpanishCase.Lower(value)),
        ];
    }

    /// <summary>The clean spelling.</summary>
    public string Value { get; }

    /// <summary>The clean spelling as UTF-8.</summary>
    public ReadOnlySpan<byte> Clean => _clean;

    /// <summary>The clean spelling, or with probability <paramref name="dirtRate"/> one of the four dirty ones at random.</summary>
    public ReadOnlySpan<byte> Spell(SeededRandom random, double dirtRate) =>
        random.Bernoulli(dirtRate) ? _dirty[random.Next(_dirty.Length)] : _clean;

    public override string ToString() => Value;

    /// <summary>
    /// Case mapping for the letters Spanish uses, written out so that it does not depend on the runtime's
    /// globalization mode (this project runs with invariant globalization).
    /// </summary>
    private static class SpanishCase
    {
        private const string LowerLetters = "áéíóúüñ";
        private const string UpperLetters = "ÁÉÍÓÚÜÑ";

        public static string Upper(string value) => string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                var accented = LowerLetters.IndexOf(c, StringComparison.Ordinal);
                span[i] = c is >= 'a' and <= 'z' ? (char)(c - 'a' + 'A') : accented >= 0 ? UpperLetters[accented] : c;
            }
        });

        public static string Lower(string value) => string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                var accented = UpperLetters.IndexOf(c, StringComparison.Ordinal);
                span[i] = c is >= 'A' and <= 'Z' ? (char)(c - 'A' + 'a') : accented >= 0 ? LowerLetters[accented] : c;
            }
        });
    }
}
