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

    [Theory]
    [InlineData(201, 0, 0, "StreetAddress")]
    [InlineData(0, 101, 0, "City")]
    [InlineData(0, 0, 41, "Phone")]
    public void Overlong_address_city_or_phone_is_refused_before_the_database_would(int street, int city, int phone, string field)
    {
        string? Text(int n) => n == 0 ? null : new string('å', n);
        var e = Assert.Throws<DomainException>(() => Soraker().Update("Förening", LegalForm.NonProfitAssociation, Text(street), null, Text(city), null, Text(phone), null));
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void The_board_and_contacts_skip_blank_rows_and_refuse_half_filled_ones_with_the_row_named()
    {
        var o = Soraker();
        o.SetBoard([new("Åsa Öberg", "Ordförande"), new(" ", " "), new("Per Persson", "Kassör", new DateOnly(2027, 3, 31))]);
        Assert.Equal(["Åsa Öberg", "Per Persson"], o.Board.Select(b => b.Name));
        Assert.Equal("Board[1].Position", Assert.Throws<DomainException>(() => o.SetBoard([new("Åsa Öberg", "Ordförande"), new("Per Persson", "")])).Field);
        Assert.Equal("Board[0].Name", Assert.Throws<DomainException>(() => o.SetBoard([new("", "Kassör")])).Field);
        Assert.Equal(2, o.Board.Count); // a refused change leaves the board as it was

        o.SetContacts([new("Åsa Öberg", "Ordförande", "asa@soraker.example", null), new("", null, null, null)]);
        Assert.Single(o.Contacts);
        Assert.Equal("Contacts[0].Email", Assert.Throws<DomainException>(() => o.SetContacts([new("Per Persson", null, null, null)])).Field);
        Assert.Equal("Contacts[1].Email", Assert.Throws<DomainException>(() => o.SetContacts([new("Åsa", null, null, "060-1"), new("Per", null, "per at soraker", null)])).Field);
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

public sealed class DocumentTests
{
    [Fact]
    public void Formats_are_recognised_by_content_not_name()
    {
        Assert.Equal(FileFormat.Pdf, FileFormats.Detect("%PDF-1.7\n"u8));
        Assert.Equal(FileFormat.Png, FileFormats.Detect((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]));
        Assert.Equal(FileFormat.Jpeg, FileFormats.Detect((byte[])[0xFF, 0xD8, 0xFF, 0xE0]));
        Assert.Equal(FileFormat.Docx, FileFormats.Detect("PK\x03\x04rest"u8, () => ["[Content_Types].xml", "word/document.xml"]));
        Assert.Null(FileFormats.Detect("PK\x03\x04rest"u8, () => ["evil.exe"]));
        Assert.Null(FileFormats.Detect("MZ\x90\x00"u8));
        Assert.Null(FileFormats.Detect("<html>"u8));
    }

    [Fact]
    public void The_uploaded_name_is_only_a_label_without_folders_and_with_the_real_extension()
    {
        var d = new OrganisationDocument(Guid.NewGuid(), "Stadgar", 2025, "../../etc/Stadgar 2025.exe", FileFormat.Pdf, 1000, "abc",
            DateTimeOffset.UtcNow, "Åsa Öberg", 2026);
        Assert.Equal("Stadgar 2025.pdf", d.FileName);
        Assert.Equal("dokument.docx", new OrganisationDocument(Guid.NewGuid(), "Stadgar", 2025, "", FileFormat.Docx, 1, "x", DateTimeOffset.UtcNow, "x", 2026).FileName);
    }

    [Theory]
    [InlineData("z\u202efdp.pdf", "zfdp.pdf")]          // right-to-left override: shown as "zpdf.pdf" otherwise
    [InlineData("\u2066Stadgar\u2069.pdf", "Stadgar.pdf")] // isolates
    [InlineData("Års\u200Fmöte\u0000.pdf", "Årsmöte.pdf")]  // a right-to-left mark and a NUL
    public void Bidirectional_and_control_characters_are_stripped_from_a_file_name(string uploaded, string label) =>
        Assert.Equal(label, OrganisationDocument.SafeLabel(uploaded, FileFormat.Pdf));

    [Theory]
    [InlineData("", 2025, 10, "Kind")]
    [InlineData("Stadgar", 1800, 10, "Year")]
    [InlineData("Stadgar", 2028, 10, "Year")]
    [InlineData("Stadgar", 2025, 0, "File")]
    [InlineData("Stadgar", 2025, 21 * 1024 * 1024, "File")]
    public void Bad_uploads_are_refused_naming_the_field(string kind, int year, long size, string field) =>
        Assert.Equal(field, Assert.Throws<DomainException>(() =>
            new OrganisationDocument(Guid.NewGuid(), kind, year, "a.pdf", FileFormat.Pdf, size, "x", DateTimeOffset.UtcNow, "x", 2026)).Field);

    [Fact]
    public void Completeness_against_Stenungsunds_eight_documents()
    {
        var required = Samverka.Domain.Guidelines.GuidelinePresets.Stenungsund.RequiredDocuments;
        var result = DocumentCompleteness.Against(required, [("Stadgar", 2019), ("Årsmötesprotokoll", 2026), ("årsmötesprotokoll", 2025), ("Verksamhetsberättelse", 2025)], 2026);
        Assert.Equal(8, result.Count);
        Assert.Equal(3, result.Count(r => r.Present));
        Assert.Equal(2, result.Count(r => r.Current));
        Assert.Equal(new DocumentRequirement("Stadgar", 2019, true, false), result[0]);
        Assert.Equal(2026, result.Single(r => r.Kind == "Årsmötesprotokoll").LatestYear);
        Assert.False(result.Single(r => r.Kind == "Revisionsberättelse").Present);
    }
}
