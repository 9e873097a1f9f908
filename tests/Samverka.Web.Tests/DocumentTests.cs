using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Samverka.Web.Features.Organisations;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

public abstract class DocumentTests<TApp>(TApp app) : AppTests<TApp>(app) where TApp : SamverkaApp
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        App.Clock.Set(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    }

    private Task<Guid> OrganisationId(string number) =>
        App.WithDbAsync(db => db.Organisations.Where(o => o.OrgNumber == number).Select(o => o.Id).SingleAsync(Ct));

    private static async Task<HttpResponseMessage> UploadPageAsync(HttpClient client, Guid organisation, string kind, string year, byte[] bytes, string fileName)
    {
        var token = await client.AntiforgeryTokenAsync($"/organisationer/{organisation}/handlingar");
        var form = new MultipartFormDataContent
        {
            { new StringContent(kind), "Input.Kind" }, { new StringContent(year), "Input.Year" },
            { new ByteArrayContent(bytes), "Input.File", fileName }, { new StringContent(token), "__RequestVerificationToken" },
        };
        return await client.PostAsync($"/organisationer/{organisation}/handlingar", form);
    }

    [Fact]
    public async Task A_representative_hands_in_a_PDF_that_only_the_allowed_can_fetch_back_intact()
    {
        var soraker = await OrganisationId(Demo.Soraker);
        var chair = await App.SignInAsync(Demo.OrganisationRep);
        var response = await UploadPageAsync(chair, soraker, "Stadgar", "2025", Pdf, "C:\\Users\\asa\\Stadgar för Söråker.pdf");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await chair.GetStringAsync(response.Headers.Location!.OriginalString, Ct);
        Assert.Contains("Stadgar 2025 är inlämnad (Stadgar för Söråker.pdf)", page);

        var document = await App.WithDbAsync(db => db.OrganisationDocuments.SingleAsync(Ct));
        var download = await chair.GetAsync($"/api/v1/organisations/{soraker}/documents/{document.Id}/content", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf)), document.Sha256);

        // Timrå has a case with Söråker and reads its documents; Stenungsund's auditor and Söderhamn's official do not (ADR 0003).
        var timra = await App.SignInAsync(Demo.TimraOfficial);
        Assert.Equal(HttpStatusCode.OK, (await timra.GetAsync($"/api/v1/organisations/{soraker}/documents/{document.Id}/content", Ct)).StatusCode);
        foreach (var outsider in new[] { Demo.Auditor, Demo.OtherMunicipalityOfficial })
        {
            var client = await App.SignInAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/organisations/{soraker}/documents/{document.Id}/content", Ct)).StatusCode);
            Assert.Empty(await (await client.GetAsync($"/api/v1/organisations/{soraker}/documents", Ct)).ReadAsync<List<DocumentDto>>());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync($"/api/v1/organisations/{soraker}/documents/{document.Id}/content", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_program_renamed_to_pdf_is_refused_beside_the_field_and_nothing_is_stored()
    {
        var soraker = await OrganisationId(Demo.Soraker);
        var chair = await App.SignInAsync(Demo.OrganisationRep);
        var response = await UploadPageAsync(chair, soraker, "Revisionsberättelse", "2024", "MZ\x90\x00\x03\x00\x00\x00 this is a program"u8.ToArray(), "revision.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"Input_File-error\"", html);
        Assert.Contains("Filtypen godtas inte", html);
        Assert.Contains("value=\"2024\"", html);
        Assert.Contains("<option selected=\"selected\" value=\"Revisionsberättelse\">", html);
        Assert.False(await App.WithDbAsync(db => db.OrganisationDocuments.AnyAsync(Ct)));
        Assert.False(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(Ct)));
    }

    [Fact]
    public async Task Word_files_are_recognised_inside_their_zip_and_other_zips_refused()
    {
        var api = await App.ApiAsync(Demo.Official);
        var organisation = await OrganisationId(Demo.StenungsundIf);
        static byte[] Zip(params string[] entries)
        {
            using var stream = new MemoryStream();
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var entry in entries)
                {
                    using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                    writer.Write("<xml/>");
                }
            }

            return stream.ToArray();
        }

        async Task<HttpResponseMessage> Upload(byte[] bytes, string name) => await api.PostAsync($"/api/v1/organisations/{organisation}/documents",
            new MultipartFormDataContent { { new StringContent("Verksamhetsberättelse"), "kind" }, { new StringContent("2025"), "year" }, { new ByteArrayContent(bytes), "file", name } }, Ct);

        var docx = await (await Upload(Zip("[Content_Types].xml", "word/document.xml"), "berattelse.docx")).ReadAsync<DocumentDto>();
        Assert.Equal(Samverka.Domain.Organisations.FileFormat.Docx, docx.Format);
        var other = await Upload(Zip("payload.exe"), "berattelse.docx");
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        var huge = await Upload(new byte[21 * 1024 * 1024], "stor.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("för stor", await huge.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, await App.WithDbAsync(db => db.OrganisationDocuments.CountAsync(Ct)));
    }

    [Fact]
    public async Task Another_organisation_cannot_see_or_fetch_the_documents_and_officials_see_completeness_against_their_guidelines()
    {
        var organisation = await OrganisationId(Demo.StenungsundIf);
        var api = await App.ApiAsync(Demo.Official);
        var created = await (await api.PostAsync($"/api/v1/organisations/{organisation}/documents",
            new MultipartFormDataContent { { new StringContent("Stadgar"), "kind" }, { new StringContent("2025"), "year" }, { new ByteArrayContent(Pdf), "file", "stadgar.pdf" } }, Ct))
            .ReadAsync<DocumentDto>();

        var chair = await App.ApiAsync(Demo.OrganisationRep);
        Assert.Equal(HttpStatusCode.NotFound, (await chair.GetAsync(created.ContentUrl, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await chair.GetAsync($"/api/v1/organisations/{organisation}/documents", Ct)).StatusCode);
        var soraker = await OrganisationId(Demo.Soraker);
        Assert.Equal(HttpStatusCode.NotFound, (await chair.GetAsync($"/api/v1/organisations/{soraker}/documents/{created.Id}/content", Ct)).StatusCode);

        var official = await App.SignInAsync(Demo.Official);
        var details = await official.GetStringAsync($"/organisationer/{organisation}", Ct);
        Assert.Contains("Enligt Riktlinjer för IOP i Stenungsunds kommun (version 1): 1 av 8 aktuella", details);
        Assert.Contains("Inlämnad (2025)", details);
        Assert.Contains("Saknas", details);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteDocumentTests(SqliteApp app) : DocumentTests<SqliteApp>(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresDocumentTests(PostgresApp app) : DocumentTests<PostgresApp>(app);
