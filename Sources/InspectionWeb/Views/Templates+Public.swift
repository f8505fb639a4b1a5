import Inspection

extension Templates {
    static let publicResults = #"""
    {{<layout}}{{$body}}{{#content}}
    <h1>“双随机、一公开”抽查结果公示</h1>
    <form method="get" action="/public/results" class="search">
      <select name="plan" aria-label="抽查计划"><option value="">全部计划</option>{{#plans}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/plans}}</select>
      <select name="department" aria-label="抽查机关"><option value="">全部抽查机关</option>{{#departments}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/departments}}</select>
      <label>完成时间 <input type="date" name="from" value="{{from}}" aria-label="抽查完成时间起"></label>
      <label>至 <input type="date" name="to" value="{{through}}" aria-label="抽查完成时间止"></label>
      <input name="q" value="{{query}}" placeholder="企业名称或统一社会信用代码">
      <button>查询</button>
    </form>
    <p class="muted">结果按\#(Citation.xuchang2026)三(六)、\#(Citation.zaozhuang2024)二(六)规定的简要用语公示；检查结果涉及保密、国家安全、公共安全的，不予公示。</p>
    <div class="scroll"><table class="public">
      <thead><tr><th>抽查计划</th><th>企业名称</th><th>统一社会信用代码</th><th>抽查机关</th><th>检查事项</th><th>抽查完成时间</th><th>公示日期</th><th>抽查结果</th></tr></thead>
      <tbody>{{#rows}}<tr><td>{{plan}}<br><span class="muted">{{planName}}</span></td><td>{{enterprise}}</td><td class="mono">{{uscc}}</td><td>{{departments}}</td><td>{{items}}</td><td class="nowrap">{{completedOn}}</td><td class="nowrap">{{publishedOn}}</td><td class="{{#problem}}bad{{/problem}}{{^problem}}ok{{/problem}}">{{result}}</td></tr>{{/rows}}</tbody>
    </table></div>
    {{#pager}}{{>pager}}{{/pager}}
    {{#empty(rows)}}<p class="muted">暂无公示结果。</p>{{/empty(rows)}}
    {{/content}}{{/body}}{{/layout}}
    """#

    static let publicPlans = #"""
    {{<layout}}{{$body}}{{#content}}
    <h1>{{year}}年度联合抽查计划</h1>
    <form method="get" action="/public/plans" class="search">
      <select name="year">{{#years}}<option value="{{year}}"{{#selected}} selected{{/selected}}>{{year}} 年</option>{{/years}}</select>
      <button>查看</button>
    </form>
    {{#empty(rows)}}<p class="muted">该年度暂无公开的联合抽查计划。</p>{{/empty(rows)}}
    {{#rows}}
    <section class="card">
      <h2>{{index}}. {{number}} {{name}}</h2>
      <dl class="facts">
        <dt>抽查任务</dt><dd>{{taskNumber}} {{taskName}}</dd>
        <dt>类型</dt><dd>{{kind}} · {{drawType}}</dd>
        <dt>抽查比例</dt><dd>{{ratio}}</dd>
        <dt>抽查事项</dt><dd>{{items}}</dd>
        <dt>抽查对象范围</dt><dd>{{scope}}</dd>
        <dt>发起部门</dt><dd>{{lead}}</dd>
        <dt>联合部门</dt><dd>{{partners}}</dd>
        <dt>抽查时间</dt><dd>{{window}}</dd>
        <dt>进度</dt><dd>{{state}}</dd>
      </dl>
    </section>
    {{/rows}}
    {{/content}}{{/body}}{{/layout}}
    """#

    static let publicDraws = #"""
    {{<layout}}{{$body}}{{#content}}
    <h1>抽取记录核验</h1>
    <p class="sub">每次抽取都记录全部输入和结果，任何人都可以用 SHA-256 复算；本页由服务器当场重新核验。</p>
    <div class="scroll"><table>
      <thead><tr><th>编号</th><th>时间</th><th>类别</th><th>用途</th></tr></thead>
      <tbody>{{#rows}}<tr><td><a href="{{link}}">{{id}}</a></td><td>{{created}}</td><td>{{kind}}{{#sealed}} <span class="badge">密封中</span>{{/sealed}}</td><td>{{purpose}}</td></tr>{{/rows}}</tbody>
    </table></div>
    {{#empty(rows)}}<p class="muted">暂无抽取记录。</p>{{/empty(rows)}}
    {{/content}}{{/body}}{{/layout}}
    """#

    static let draw = #"""
    {{<layout}}{{$body}}{{#content}}
    <p class="crumbs"><a href="/public/draws">抽取记录核验</a> › {{id}}</p>
    <h1>抽取记录 {{id}}</h1>
    <p class="sub">{{purpose}}</p>
    {{#verification}}
    {{#verified}}<p class="verdict ok" role="status">✔ 核验通过：服务器按记录中的随机数（seed）和候选名单重新计算，抽取结果完全一致。</p>{{/verified}}
    {{#sealed}}<p class="verdict" role="status">🔒 本次抽取已密封：目前只公开承诺值（随机数的 SHA-256），检查结束公开随机数和名单后即可核验。</p>{{/sealed}}
    {{^verified}}{{^sealed}}<p class="verdict bad" role="alert">✘ 核验未通过：</p><ul class="details">{{#problems}}<li>{{.}}</li>{{/problems}}</ul>{{/sealed}}{{/verified}}
    {{/verification}}
    <section class="card">
      <dl class="facts">
        <dt>类别</dt><dd>{{kind}}{{#plan}} · 计划 {{plan}}{{/plan}}</dd>
        <dt>时间</dt><dd>{{created}}</dd>
        <dt>操作人</dt><dd>{{operatorName}}</dd>
        <dt>承诺值</dt><dd class="mono">{{commitment}}</dd>
        {{#seed}}<dt>随机数（seed）</dt><dd class="mono">{{seed}}</dd>{{/seed}}
        {{#publicEntropy}}<dt>公开随机源</dt><dd>{{publicEntropy}}</dd>{{/publicEntropy}}
        {{#revealedAt}}<dt>公开时间</dt><dd>{{revealedAt}}</dd>{{/revealedAt}}
        {{#supersedes}}<dt>取代</dt><dd>{{supersedes}}（原因：{{reason}}）</dd>{{/supersedes}}
        {{#supersededBy}}<dt>已被取代</dt><dd>{{supersededBy}}</dd>{{/supersededBy}}
      </dl>
      <p class="links"><a href="{{jsonLink}}">下载完整记录（JSON）</a></p>
      {{#internalView}}<p class="muted">完整记录（含密封内容），仅牵头部门和审计可见。</p>{{/internalView}}
    </section>
    {{^empty(strata)}}
    <section class="card">
      <h2>抽取分层</h2>
      {{#strata}}
      <h3>{{name}}</h3>
      <p>比例 {{ratio}} · 候选 {{candidates}} 户 · 抽取 {{quota}} 户{{#minimum}}（为满足总体比例增至 {{minimum}}）{{/minimum}}{{^equalzero(excluded)}} · 排除 {{excluded}} 户{{/equalzero(excluded)}}</p>
      {{#hidden}}<p class="muted">名单密封中。</p>{{/hidden}}
      {{^hidden}}<ol class="picks">{{#drawn}}<li>{{name}} <span class="muted mono">{{id}}</span></li>{{/drawn}}</ol>{{/hidden}}
      {{/strata}}
    </section>
    {{/empty(strata)}}
    {{^empty(teams)}}
    <section class="card">
      <h2>检查人员匹配</h2>
      <div class="scroll"><table>
        <thead><tr><th>企业</th><th>部门</th><th>候选</th><th>抽中</th></tr></thead>
        <tbody>{{#teams}}<tr><td>{{enterpriseName}}<br><span class="muted mono">{{enterprise}}</span></td><td>{{department}}</td><td class="num">{{candidates}}</td><td>{{#hidden}}密封中{{/hidden}}{{^hidden}}{{drawn}}{{/hidden}}</td></tr>{{/teams}}</tbody>
      </table></div>
      {{^empty(replacements)}}<h3>替换</h3><ul class="items">{{#replacements}}<li>{{enterprise}} {{department}}：{{replaced}} → {{by}}（{{reason}}；批准：{{approvedBy}}）</li>{{/replacements}}</ul>{{/empty(replacements)}}
    </section>
    {{/empty(teams)}}
    {{#verification}}{{^empty(lines)}}
    <section class="card">
      <h2>逐项核验</h2>
      <ul class="mono small">{{#lines}}<li>{{.}}</li>{{/lines}}</ul>
    </section>
    {{/empty(lines)}}{{/verification}}
    {{/content}}{{/body}}{{/layout}}
    """#
}
