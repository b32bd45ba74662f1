using Cauce.Ml.Data.Schema;

namespace Cauce.Ml.Tests.Data.Schema;

public sealed class CategorySpellingsTests
{
    [Theory]
    [InlineData(" Fibra", "fibra")]
    [InlineData("FIBRA ", "fibra")]
    [InlineData("Tarjeta  de   crédito", "tarjeta de crédito")]
    [InlineData("LÁCTEOS", "lácteos")]
    [InlineData("Panadería", "panadería")]
    public void The_key_ignores_case_and_outer_and_repeated_spaces_but_keeps_accents(string value, string key) =>
        Assert.Equal(key, CategorySpellings.Key(value));

    [Fact]
    public void Case_and_space_variants_collapse_to_the_most_frequent_spelling()
    {
        var spellings = CategorySpellings.From(new Dictionary<string, long> { ["Fibra"] = 50, [" Fibra"] = 3, ["FIBRA"] = 2, ["fibra"] = 1, ["DSL"] = 40 });

        Assert.Equal("Fibra", spellings.Canonical(" Fibra"));
        Assert.Equal("Fibra", spellings.Canonical("FIBRA"));
        Assert.Equal("Fibra", spellings.Canonical("fibra"));
        Assert.Equal("DSL", spellings.Canonical("DSL"));
        var group = Assert.Single(spellings.Variants);
        Assert.Equal("Fibra", group.Canonical);
        Assert.Equal(["Fibra", " Fibra", "FIBRA", "fibra"], group.Spellings.Select(s => s.Key));
        Assert.Equal([50L, 3L, 2L, 1L], group.Spellings.Select(s => s.Value));
    }

    [Fact]
    public void A_declared_spelling_wins_over_a_more_frequent_one()
    {
        var spellings = CategorySpellings.From(new Dictionary<string, long> { ["NORTE"] = 30, ["Norte"] = 2, ["sur"] = 10 }, ["Norte", "Sur"]);

        Assert.Equal("Norte", spellings.Canonical("NORTE"));
        Assert.Equal("Sur", spellings.Canonical("sur"));
        Assert.Equal(2, spellings.Variants.Count);
        Assert.Contains(spellings.Variants, v => v.Canonical == "Sur" && v.Spellings.Single().Key == "sur");
    }

    [Fact]
    public void Accented_upper_case_groups_with_its_title_case_spelling()
    {
        var spellings = CategorySpellings.From(new Dictionary<string, long> { ["Lácteos"] = 90, ["LÁCTEOS"] = 4, ["lácteos"] = 3, ["Panadería"] = 80, ["panadería"] = 2 });

        Assert.Equal("Lácteos", spellings.Canonical("LÁCTEOS"));
        Assert.Equal("Lácteos", spellings.Canonical("lácteos"));
        Assert.Equal("Panadería", spellings.Canonical("panadería"));
    }

    [Fact]
    public void Labels_that_differ_in_accents_stay_apart()
    {
        var spellings = CategorySpellings.From(new Dictionary<string, long> { ["Lácteos"] = 9, ["Lacteos"] = 1 });

        Assert.Equal("Lacteos", spellings.Canonical("Lacteos"));
        Assert.Empty(spellings.Variants);
    }

    [Fact]
    public void A_tie_goes_to_the_first_spelling_in_ordinal_order()
    {
        var spellings = CategorySpellings.From(new Dictionary<string, long> { ["sur"] = 5, ["Sur"] = 5 });

        Assert.Equal("Sur", spellings.Canonical("sur"));
    }

    [Fact]
    public void A_label_written_one_way_has_no_variants()
    {
        var spellings = CategorySpellings.From(new Dictionary<string, long> { ["Norte"] = 5, ["Sur"] = 4 });

        Assert.Empty(spellings.Variants);
        Assert.Equal("Norte", spellings.Canonical("Norte"));
    }

    [Fact]
    public void A_spelling_never_seen_is_grouped_with_its_label()
    {
        // The doc promises grouping by key on the fly for values not in the counted spellings.
        var spellings = CategorySpellings.From(new Dictionary<string, long> { ["Fibra"] = 5 }, ["Fibra", "DSL"]);

        Assert.Equal("Fibra", spellings.Canonical("FIBRA"));
        Assert.Equal("DSL", spellings.Canonical("dsl"));
    }
}
