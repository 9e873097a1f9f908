using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Samverka.Web.Features.Shared;

/// <summary>
/// One form field the accessible way, everywhere alike: label, optional hint, the error next to
/// the field (linked with aria-describedby, aria-invalid set), and the input with what the user
/// typed kept after a refused save. <c>&lt;field for="Input.Name" label="Namn" /&gt;</c>.
/// </summary>
[HtmlTargetElement("field", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(IHtmlGenerator generator) : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = null!;

    public string Label { get; set; } = "";
    public string? Hint { get; set; }
    public string Type { get; set; } = "text";
    public string? Autocomplete { get; set; }
    public bool Required { get; set; }
    public bool Multiline { get; set; }
    public IEnumerable<SelectListItem>? Items { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var state = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var error = state?.Errors.FirstOrDefault()?.ErrorMessage;
        var describedBy = string.Join(' ', new[] { Hint is null ? null : id + "-hint", error is null ? null : id + "-error" }.OfType<string>());

        var attributes = new Dictionary<string, object?>();
        if (describedBy.Length > 0)
        {
            attributes["aria-describedby"] = describedBy;
        }

        if (error is not null)
        {
            attributes["aria-invalid"] = "true";
        }

        if (Required)
        {
            attributes["required"] = "required";
            attributes["aria-required"] = "true";
        }

        if (Autocomplete is not null)
        {
            attributes["autocomplete"] = Autocomplete;
        }

        TagBuilder input;
        if (Items is not null)
        {
            input = generator.GenerateSelect(ViewContext, For.ModelExplorer, optionLabel: "Välj …", expression: name, selectList: Items, allowMultiple: false, htmlAttributes: attributes);
        }
        else if (Multiline)
        {
            input = generator.GenerateTextArea(ViewContext, For.ModelExplorer, name, rows: 5, columns: 0, htmlAttributes: attributes);
        }
        else if (Type == "password")
        {
            input = generator.GeneratePassword(ViewContext, For.ModelExplorer, name, value: null, htmlAttributes: attributes);
        }
        else
        {
            attributes["type"] = Type;
            // The current value must be passed in: the generator does not read it from the model explorer itself.
            input = generator.GenerateTextBox(ViewContext, For.ModelExplorer, name, value: For.Model,
                format: Type == "date" ? "{0:yyyy-MM-dd}" : null, htmlAttributes: attributes);
        }

        input.Attributes.Remove("data-val");
        foreach (var key in input.Attributes.Keys.Where(k => k.StartsWith("data-val-", StringComparison.Ordinal)).ToList())
        {
            input.Attributes.Remove(key);
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", error is null ? "field" : "field field--error");
        var html = output.Content;
        html.AppendHtml($"<label for=\"{id}\">");
        html.Append(Label);
        if (!Required)
        {
            html.AppendHtml(" <span class=\"optional\">(frivilligt)</span>");
        }

        html.AppendHtml("</label>");
        if (Hint is not null)
        {
            html.AppendHtml($"<p class=\"hint\" id=\"{id}-hint\">");
            html.Append(Hint);
            html.AppendHtml("</p>");
        }

        if (error is not null)
        {
            html.AppendHtml($"<p class=\"field-error\" id=\"{id}-error\"><span class=\"visually-hidden\">Fel: </span>");
            html.Append(error);
            html.AppendHtml("</p>");
        }

        html.AppendHtml(input);
    }
}

/// <summary>Errors that belong to no single field (a stale edit, a refused transition), announced at the top of the form.</summary>
[HtmlTargetElement("form-errors", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FormErrorsTagHelper : TagHelper
{
    public string Title { get; set; } = "Det gick inte att spara";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var modelState = ViewContext.ViewData.ModelState;
        if (modelState.IsValid)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        if (ViewContext.HttpContext.Items.TryAdd(typeof(FormErrorsTagHelper), true))
        {
            // The first summary of a page takes the focus when it loads, so a refused form low on a
            // long page is shown at the top of the window, without script (autofocus on a focusable element).
            output.Attributes.SetAttribute("id", "fel");
            output.Attributes.SetAttribute("autofocus", "autofocus");
        }

        output.Attributes.SetAttribute("class", "error-summary");
        output.Attributes.SetAttribute("role", "alert");
        output.Attributes.SetAttribute("tabindex", "-1");
        var html = output.Content;
        html.AppendHtml("<h2>");
        html.Append(Title);
        html.AppendHtml("</h2><ul>");
        foreach (var (key, entry) in modelState)
        {
            foreach (var error in entry.Errors)
            {
                html.AppendHtml("<li>");
                if (key.Length > 0)
                {
                    html.AppendHtml($"<a href=\"#{HtmlEncoder.Default.Encode(TagBuilder.CreateSanitizedId(key, "_"))}\">");
                    html.Append(error.ErrorMessage);
                    html.AppendHtml("</a>");
                }
                else
                {
                    html.Append(error.ErrorMessage);
                }

                html.AppendHtml("</li>");
            }
        }

        html.AppendHtml("</ul>");
    }
}

