using Samverka.Domain.Common;
using Samverka.Domain.Organisations;

namespace Samverka.Domain.Tests;

public sealed class OrgNumberTests
{
    [Theory]
    [InlineData("802011-2341", "802011-2341")]
    [InlineData("8020112341", "802011-2341")]
    [InlineData(" 802011-2341 ", "802011-2341")]
    [InlineData("16802011-2341", "802011-2341")]
    [InlineData("212000-1421", "212000-1421")]
    [InlineData("556987-1238", "556987-1238")]
    public void Valid_numbers_are_read_and_written_NNNNNN_NNNN(string input, string expected)
    {
        Assert.True(OrgNumber.TryParse(input, out var number, out var error), error);
        Assert.Equal(expected, number.ToString());
    }

    [Fact]
    public void Wrong_check_digit_is_refused_with_a_Swedish_reason()
    {
        Assert.False(OrgNumber.TryParse("802011-2342", out _, out var error));
        Assert.Contains("kontrollsiffran", error);
    }

    [Fact]
    public void A_personal_identity_number_is_not_an_organisation()
    {
        // 850709-9805 passes Luhn but has a month (07) where a legal entity has 20 or more.
        Assert.Equal(5, OrgNumber.LuhnCheckDigit("850709980"));
        Assert.False(OrgNumber.TryParse("850709-9805", out _, out var error));
        Assert.Contains("personnummer", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("80201-12341")]
    [InlineData("802011-234")]
    [InlineData("80201A-2341")]
    [InlineData("8020-11-2341")]
    public void Malformed_input_is_refused(string input)
    {
        Assert.False(OrgNumber.TryParse(input, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Parse_throws_a_domain_error_naming_the_field()
    {
        var e = Assert.Throws<DomainException>(() => OrgNumber.Parse("123"));
        Assert.Equal("OrgNumber", e.Field);
    }

    [Theory]
    [InlineData(LegalForm.NonProfitAssociation, "802011-2341", true)]
    [InlineData(LegalForm.Foundation, "802512-3491", true)]
    [InlineData(LegalForm.RegisteredFaithCommunity, "252004-5671", true)]
    [InlineData(LegalForm.LimitedCompanyRestrictedProfit, "556987-1238", true)]
    [InlineData(LegalForm.EconomicAssociation, "769612-3459", true)]
    [InlineData(LegalForm.LimitedCompanyRestrictedProfit, "802011-2341", false)]
    [InlineData(LegalForm.NonProfitAssociation, "556987-1238", false)]
    public void Legal_form_must_match_the_number_group(LegalForm form, string number, bool matches)
    {
        Assert.Equal(matches, form.MismatchWith(OrgNumber.Parse(number)) is null);
    }
}
