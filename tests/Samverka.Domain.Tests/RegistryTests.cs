using Samverka.Domain.Common;
using Samverka.Domain.Municipalities;
using Samverka.Domain.Organisations;

namespace Samverka.Domain.Tests;

public sealed class RegistryTests
{
    private static Organisation Soraker() => new(OrgNumber.Parse("802011-2341"), "Söråkers Folketshusförening", LegalForm.NonProfitAssociation);

    [Fact]
    public void An_organisation_keeps_its_Swedish_name_and_normalises_the_postal_code()
    {
        var o = Soraker();
        o.Update("Söråkers Folketshusförening", LegalForm.NonProfitAssociation, "Folkets husvägen 2", "86033", "Söråker", "info@soraker.example", null, 412);
        Assert.Equal("Söråkers Folketshusförening", o.Name);
        Assert.Equal("860 33", o.PostalCode);
        Assert.Equal(412, o.MemberCount);
    }

    [Theory]
    [InlineData("", null, null, "Name")]
    [InlineData("Förening", "8603", null, "PostalCode")]
    [InlineData("Förening", null, "inte-en-adress", "Email")]
    public void Bad_input_is_refused_with_the_field_named(string name, string? postalCode, string? email, string field)
    {
        var e = Assert.Throws<DomainException>(() => Soraker().Update(name, LegalForm.NonProfitAssociation, null, postalCode, null, email, null, null));
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void Changing_the_legal_form_to_one_the_number_cannot_have_is_refused()
    {
        var o = Soraker();
        var e = Assert.Throws<DomainException>(() => o.Update(o.Name, LegalForm.LimitedCompanyRestrictedProfit, null, null, null, null, null, null));
        Assert.Equal("LegalForm", e.Field);
        Assert.Equal(LegalForm.NonProfitAssociation, o.LegalForm);
    }

    [Fact]
    public void Negative_member_count_is_refused()
    {
        var e = Assert.Throws<DomainException>(() => Soraker().Update("Söråkers Folketshusförening", LegalForm.NonProfitAssociation, null, null, null, null, null, -1));
        Assert.Equal("MemberCount", e.Field);
    }

    [Theory]
    [InlineData("Stenungsunds kommun", "stenungsund")]
    [InlineData("Söderhamns kommun", "soderhamn")]
    [InlineData("Timrå kommun", "timra")]
    [InlineData("Upplands Väsby kommun", "upplands-vasby")]
    public void Municipality_addresses_are_plain_ASCII(string name, string slug) => Assert.Equal(slug, Municipality.Slugify(name));

    [Fact]
    public void Committee_case_number_prefix_is_letters_only()
    {
        var c = new Committee(Guid.NewGuid(), "Socialnämnden", false);
        c.Update("Socialnämnden", null, "sn");
        Assert.Equal("SN", c.CaseNumberPrefix);
        var e = Assert.Throws<DomainException>(() => c.Update("Socialnämnden", null, "SN 2026"));
        Assert.Equal("CaseNumberPrefix", e.Field);
        Assert.Equal("SN", c.CaseNumberPrefix);
    }
}
