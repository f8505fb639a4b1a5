/// The Mustache templates of the pages, kept in the binary as string constants (no resource bundle
/// to lose when `liancha` is copied alone). Each page inherits `layout` and fills its `body` block;
/// `{{…}}` escapes, and no template uses the unescaped `{{{…}}}`.
enum Templates {
    static var all: [(String, String)] {
        [
            ("layout", layout), ("csrf", csrf), ("login", login), ("error", error), ("account", account),
            ("plans", plans), ("plan", plan), ("plan-new", planNew), ("teams", teams), ("statistics", statistics),
            ("enterprise", enterprise), ("my-forms", myForms),
            ("public-results", publicResults), ("public-plans", publicPlans), ("public-draws", publicDraws), ("draw", draw),
            ("enterprises", enterprises), ("inspectors", inspectors), ("import", importPage), ("audit", audit),
            ("list-filter", listFilter), ("pager", pager),
            ("accounts", accounts),
            ("visits", visits), ("visit", visit), ("visit-public", visitPublic), ("visit-code", visitCode), ("visit-new", visitNew), ("evaluations", evaluations),
            ("public-items", publicItems),
        ]
    }

    static let layout = #"""
    <!DOCTYPE html>
    <html lang="zh-CN">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{chrome.title}} · 联查</title>
    <link rel="stylesheet" href="/static/app.css">
    </head>
    <body>
    <header class="top">
      <a class="brand" href="/">联查<small>“双随机、一公开”联合抽查</small></a>
      <nav>{{#chrome.nav}}<a href="{{href}}"{{#current}} class="current"{{/current}}>{{label}}</a>{{/chrome.nav}}</nav>
      {{#chrome.signedIn}}
      <div class="who"><a href="/account">{{chrome.userName}}</a><span>{{chrome.roleLabel}} · {{chrome.departmentName}}</span>
        <form method="post" action="/logout" class="inline">{{>csrf}}<button class="link">退出</button></form></div>
      {{/chrome.signedIn}}
    </header>
    <main>
    {{#chrome.flash}}<p class="flash" role="status">{{chrome.flash}}</p>{{/chrome.flash}}
    {{$body}}{{/body}}
    </main>
    <footer>liancha 联查 · 跨部门“双随机、一公开”联合抽查 · <a href="/public/results">结果公示</a> · <a href="/public/plans">年度计划</a> · <a href="/public/draws">抽取核验</a> · <a href="/public/items">抽查事项清单</a> · <a href="/v">检查码核验</a></footer>
    </body>
    </html>
    """#

    static let csrf = #"<input type="hidden" name="_csrf" value="{{chrome.csrf}}">"#

    /// The filters of a plan's enterprise list (in a `ListPager`'s context).
    static let listFilter = #"""
    <form method="get" action="{{action}}#enterprises" class="filters">
      <input name="q" value="{{text}}" placeholder="信用代码、名称或标签（如乡镇）" aria-label="查找企业">
      {{^empty(departments)}}<select name="department" aria-label="检查部门"><option value="">全部部门</option>{{#departments}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/departments}}</select>{{/empty(departments)}}
      <select name="progress" aria-label="录入情况"><option value="">全部</option>{{#progress}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/progress}}</select>
      <label class="check"><input type="checkbox" name="overdue" value="1"{{#overdue}} checked{{/overdue}}> 仅有逾期期限的</label>
      <button>筛选</button>{{#filtered}} <a href="{{action}}#enterprises">清除筛选</a>{{/filtered}}
    </form>
    """#

    /// Where a paginated list is, and the links to its neighbouring pages (in a `ListPager`'s context).
    static let pager = #"""
    <p class="pager muted">共 {{total}} 户{{^equalzero(total)}}，第 {{first}}–{{last}} 户（第 {{page}}/{{pages}} 页）{{/equalzero(total)}}
      {{#previous}}<a href="{{.}}">上一页</a>{{/previous}} {{#next}}<a href="{{.}}">下一页</a>{{/next}}</p>
    """#

    static let login = #"""
    {{<layout}}{{$body}}{{#content}}
    <section class="card narrow">
      <h1>登录</h1>
      <p class="sub">各部门账号由牵头部门分配（<code>liancha user add</code>）。</p>
      {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
      <form method="post" action="/login" class="stack">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label>账号<input name="name" value="{{name}}" autocomplete="username" required autofocus></label>
        <label>密码<input name="password" type="password" autocomplete="current-password" required></label>
        <button class="primary big">登录</button>
      </form>
      <p class="muted">无需登录：<a href="/public/results">抽查结果公示</a> · <a href="/public/plans">年度抽查计划</a> · <a href="/public/draws">抽取记录核验</a></p>
    </section>
    {{/content}}{{/body}}{{/layout}}
    """#

    static let error = #"""
    {{<layout}}{{$body}}{{#content}}
    <section class="card narrow">
      <h1>出错了 <span class="status">{{status}}</span></h1>
      <p class="error" role="alert">{{message}}</p>
      {{^empty(details)}}<ul class="details">{{#details}}<li>{{.}}</li>{{/details}}</ul>{{/empty(details)}}
      <p>{{#signIn}}<a class="button primary" href="/login">去登录</a> {{/signIn}}<a class="button" href="/">首页</a></p>
    </section>
    {{/content}}{{/body}}{{/layout}}
    """#

    static let account = #"""
    {{<layout}}{{$body}}{{#content}}
    <h1>我的账号</h1>
    <section class="card">
      <dl class="facts">
        <dt>账号</dt><dd>{{name}}</dd>
        <dt>角色</dt><dd>{{roleLabel}}</dd>
        <dt>部门</dt><dd>{{departmentName}}（{{department}}）</dd>
        {{#certificate}}<dt>执法证号</dt><dd>{{certificate}}</dd>{{/certificate}}
      </dl>
    </section>
    <section class="card narrow">
      <h2>修改密码</h2>
      <form method="post" action="/account/password" class="stack">
        {{>csrf}}
        <label>当前密码<input name="current" type="password" autocomplete="current-password" required></label>
        <label>新密码（至少 8 个字符，含大写、小写、数字、符号中的三类，不含账号名）<input name="new" type="password" autocomplete="new-password" minlength="8" required></label>
        <label>再次输入新密码<input name="confirm" type="password" autocomplete="new-password" minlength="8" required></label>
        <button class="primary">修改密码</button>
      </form>
    </section>
    {{/content}}{{/body}}{{/layout}}
    """#

    static let accounts = #"""
    {{<layout}}{{$body}}{{#content}}
    <h1>账号管理</h1>
    <p class="sub">{{#coordinator}}牵头部门可为任何部门创建账号、重置密码、停用账号。{{/coordinator}}{{^coordinator}}部门管理员可管理本部门执法检查人员的账号。{{/coordinator}}重置密码、停用账号会立即结束该账号的全部登录会话。</p>
    <div class="scroll"><table>
      <thead><tr><th>账号</th><th>角色</th><th>部门</th><th>执法证号</th><th>状态</th><th>重置密码</th><th></th></tr></thead>
      <tbody>{{#rows}}<tr><td>{{name}}</td><td>{{role}}</td><td>{{department}}</td><td>{{certificate}}</td><td>{{#active}}启用{{/active}}{{^active}}已停用{{/active}}</td>
        <td><form method="post" action="/accounts/password" class="inline">{{>csrf}}<input type="hidden" name="name" value="{{name}}"><input name="password" type="password" autocomplete="new-password" minlength="8" required aria-label="新密码"><button>重置</button></form></td>
        <td>{{#active}}<form method="post" action="/accounts/disable" class="inline">{{>csrf}}<input type="hidden" name="name" value="{{name}}"><button>停用</button></form>{{/active}}{{^active}}<form method="post" action="/accounts/enable" class="inline">{{>csrf}}<input type="hidden" name="name" value="{{name}}"><button>启用</button></form>{{/active}}</td></tr>{{/rows}}</tbody>
    </table></div>
    <section class="card narrow">
      <h2>新建账号</h2>
      <form method="post" action="/accounts" class="stack">
        {{>csrf}}
        <label>账号名<input name="name" required maxlength="64"></label>
        <label>部门<select name="department">{{#departments}}<option value="{{value}}">{{label}}</option>{{/departments}}</select></label>
        <label>角色<select name="role">{{#roles}}<option value="{{value}}">{{label}}</option>{{/roles}}</select></label>
        <label>执法证号（执法检查人员账号必填）<input name="certificate"></label>
        <label>初始密码（至少 8 个字符，含大写、小写、数字、符号中的三类，不含账号名）<input name="password" type="password" autocomplete="new-password" minlength="8" required></label>
        <button class="primary">创建账号</button>
      </form>
    </section>
    {{/content}}{{/body}}{{/layout}}
    """#
}
