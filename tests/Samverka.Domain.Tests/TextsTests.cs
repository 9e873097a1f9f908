using Samverka.Domain.Common;

namespace Samverka.Domain.Tests;

public sealed class TextsTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("  \n\t ", null)]
    [InlineData("  Söråker IF  ", "Söråker IF")]
    public void Surrounding_white_space_is_removed_and_empty_is_absent(string? typed, string? stored) =>
        Assert.Equal(stored, Texts.Optional(typed, "Name", 200));

    [Fact]
    public void A_text_at_its_bound_is_kept_and_one_longer_is_refused_naming_the_field()
    {
        Assert.Equal(200, Texts.Optional(new string('å', 200) + "  ", "Name", 200)!.Length);
        var refused = Assert.Throws<DomainException>(() => Texts.Optional(new string('å', 201), "Name", 200));
        Assert.Equal("Name", refused.Field);
        Assert.Equal("Högst 200 tecken.", refused.Message);
    }

    [Fact]
    public void A_required_text_left_empty_is_refused_with_its_own_message()
    {
        var refused = Assert.Throws<DomainException>(() => Texts.Required("   ", "Ange vad aktiviteten var.", "Title", 200));
        Assert.Equal(("Title", "Ange vad aktiviteten var."), (refused.Field, refused.Message));
        Assert.Equal("Nattvandring", Texts.Required(" Nattvandring ", "Ange vad aktiviteten var.", "Title", 200));
    }

    [Fact]
    public void Control_characters_are_removed_but_line_breaks_and_tabs_kept() =>
        Assert.Equal("Styrgruppen\nmöts\tmånadsvis", Texts.Trimmed("\u0000 Styr\u0007gruppen\nmöts\tmånadsvis \u001b"));

    [Theory]
    [InlineData("  Söråker   FOLKETS\u0000 hus ", "söråker folkets hus")]
    [InlineData("\u0000\u0001 ", null)]
    public void A_search_term_is_lower_case_with_single_spaces_and_no_control_characters(string typed, string? term) =>
        Assert.Equal(term, Texts.SearchTerm(typed));

    [Fact]
    public void A_search_term_is_at_most_100_characters() => Assert.Equal(100, Texts.SearchTerm(new string('ö', 5000))!.Length);
}
