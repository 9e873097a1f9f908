using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Samverka.Web.Features.Agreements;

namespace Samverka.Web.Documents;

/// <summary>The agreement as Word (.docx) for those who edit in Word: real heading styles (so the navigation pane and screen readers see them), real tables, a footer with page numbers.</summary>
public static class AgreementDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Render(AgreementDto agreement)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = agreement.Title;
            document.PackageProperties.Language = "sv-SE";
            document.PackageProperties.Creator = "Samverka";
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = Footer(AgreementDocuments.Footer(agreement).Text);

            var body = new Body();
            foreach (var block in AgreementDocuments.Blocks(agreement))
            {
                switch (block)
                {
                    case DocHeading h:
                        body.Append(Para(h.Text, style: h.Level == 1 ? "Heading1" : "Heading2"));
                        break;
                    case DocParagraph p:
                        body.Append(Para(p.Text, bold: p.Bold));
                        break;
                    case DocTable t:
                        body.Append(Para(t.Caption, style: "Caption"));
                        body.Append(Table(t));
                        body.Append(Para(""));
                        break;
                    case DocSignature s:
                        body.Append(Para(s.PlaceAndDate));
                        body.Append(Para("______________________________________"));
                        body.Append(Para(s.Name, bold: true));
                        body.Append(Para($"{s.Title}, {s.Party}"));
                        break;
                }
            }

            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1247, Bottom = 1247, Left = 1247U, Right = 1247U, Header = 567U, Footer = 567U }));
            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    private static Paragraph Para(string text, string? style = null, bool bold = false, JustificationValues? align = null)
    {
        var properties = new ParagraphProperties();
        if (style is not null)
        {
            properties.Append(new ParagraphStyleId { Val = style });
        }

        if (align is { } a)
        {
            properties.Append(new Justification { Val = a });
        }

        var run = new Run();
        if (bold)
        {
            run.Append(new RunProperties(new Bold()));
        }

        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return new Paragraph(properties, run);
    }

    private static Table Table(DocTable t)
    {
        var border = new BorderType[] { new TopBorder(), new BottomBorder(), new InsideHorizontalBorder() };
        foreach (var b in border)
        {
            b.Val = BorderValues.Single;
            b.Size = 4U;
            b.Color = "808080";
        }

        var table = new Table(new TableProperties(
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableBorders(border.Cast<OpenXmlElement>()),
            new TableLook { Val = "04A0" }));
        var grid = new TableGrid(t.Widths.Select(w => new GridColumn { Width = ((int)(w * 9412)).ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        table.Append(grid);
        table.Append(Row(t.Headers, t.Numeric, header: true, bold: true));
        for (var r = 0; r < t.Rows.Count; r++)
        {
            table.Append(Row(t.Rows[r], t.Numeric, header: false, bold: t.SumRow && r == t.Rows.Count - 1));
        }

        return table;
    }

    private static TableRow Row(IReadOnlyList<string> cells, IReadOnlyList<bool> numeric, bool header, bool bold)
    {
        var row = new TableRow();
        if (header)
        {
            row.Append(new TableRowProperties(new TableHeader()));
        }

        for (var i = 0; i < cells.Count; i++)
        {
            row.Append(new TableCell(Para(cells[i], bold: bold, align: numeric[i] ? JustificationValues.Right : null)));
        }

        return row;
    }

    private static Footer Footer(string text)
    {
        var size = new FontSize { Val = "15" };
        return new Footer(
            new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Left }), new Run(new RunProperties(size), new Text(text))),
            new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Right }),
                new Run(new RunProperties(new FontSize { Val = "15" }), new Text("Sida ") { Space = SpaceProcessingModeValues.Preserve }),
                new SimpleField(new Run(new RunProperties(new FontSize { Val = "15" }), new Text("1"))) { Instruction = " PAGE " },
                new Run(new RunProperties(new FontSize { Val = "15" }), new Text(" av ") { Space = SpaceProcessingModeValues.Preserve }),
                new SimpleField(new Run(new RunProperties(new FontSize { Val = "15" }), new Text("1"))) { Instruction = " NUMPAGES " }));
    }

    private static Styles Styles()
    {
        static Style Heading(string id, string name, int level, string size) => new(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = level == 0 ? "0" : "240", After = "120" }, new OutlineLevel { Val = level }),
            new StyleRunProperties(new Bold(), new FontSize { Val = size }))
        {
            Type = StyleValues.Paragraph,
            StyleId = id,
        };

        return new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "DejaVu Sans", HighAnsi = "DejaVu Sans", ComplexScript = "DejaVu Sans" },
                    new FontSize { Val = "21" },
                    new Languages { Val = "sv-SE" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120" }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            Heading("Heading1", "heading 1", 0, "34"),
            Heading("Heading2", "heading 2", 1, "26"),
            new Style(new StyleName { Val = "caption" }, new BasedOn { Val = "Normal" }, new PrimaryStyle(),
                new StyleParagraphProperties(new KeepNext()), new StyleRunProperties(new Bold()))
            {
                Type = StyleValues.Paragraph,
                StyleId = "Caption",
            });
    }
}
