import Inspection

extension Templates {
    static let enterprise = #"""
    {{<layout}}{{$body}}{{#content}}
    <p class="crumbs"><a href="{{backLink}}">{{backLabel}}</a> › {{planNumber}}</p>
    <h1>{{enterprise.name}}</h1>
    <p class="sub">{{planNumber}} {{planName}} · <span class="badge">{{stateLabel}}</span>{{#published}} · 已公示：{{published}}{{/published}}</p>
    <p class="links"><a class="button" href="{{formLink}}">下载一企一表（DOCX）</a></p>
    <section class="card">
      <dl class="facts">
        <dt>统一社会信用代码</dt><dd>{{enterprise.uscc}}</dd>
        <dt>地址</dt><dd>{{enterprise.address}}</dd>
        <dt>法定代表人</dt><dd>{{enterprise.legalRepresentative}}</dd>
        <dt>信用风险等级</dt><dd>{{enterprise.creditRisk}}</dd>
      </dl>
      {{^empty(team)}}<h2>检查组</h2><ul class="items">{{#team}}<li>{{name}} · {{department}} · {{certificate}} · {{role}}</li>{{/team}}</ul>{{/empty(team)}}
    </section>
    {{#sections}}
    <section class="card section" id="dept-{{department}}">
      <h2>{{departmentName}}</h2>
      {{#rejected}}<p class="badge danger">本部门已退回：{{rejected}}</p>{{/rejected}}
      {{#editable}}
      <form method="post" action="{{resultsAction}}" class="results stack">
        {{>csrf}}
        {{#items}}
        <fieldset class="item">
          <legend><strong>{{code}}</strong> {{name}}</legend>
          {{#content}}<p class="hint">{{content}}</p>{{/content}}
          <div class="choices">
            <label class="choice ok"><input type="radio" name="outcome[{{code}}]" value="未发现问题"{{#noProblem}} checked{{/noProblem}}><span>未发现问题</span></label>
            <label class="choice bad"><input type="radio" name="outcome[{{code}}]" value="发现问题"{{#problem}} checked{{/problem}}><span>发现问题</span></label>
          </div>
          <label>问题描述（发现问题时必填）<textarea name="description[{{code}}]" rows="2">{{description}}</textarea></label>
          <label class="check"><input type="checkbox" name="confidential[{{code}}]" value="true"{{#confidential}} checked{{/confidential}}> 涉及国家秘密或安全，不予公示</label>
        </fieldset>
        {{/items}}
        <div class="grid">
          <label>检查日期<input type="date" name="checkedOn" value="{{checkedOn}}"></label>
          <label>现场解答疑难问题（个）<input type="number" name="questions" min="0" inputmode="numeric" value="{{questions}}"></label>
        </div>
        <label class="check"><input type="checkbox" name="refusedToSign" value="true"{{#refusedToSign}} checked{{/refusedToSign}}> 被检查单位拒绝签字（如实记录在表上）</label>
        <button class="primary big">保存检查结果</button>
      </form>
      {{/editable}}
      {{^editable}}
      <div class="scroll"><table>
        <thead><tr><th>事项</th><th>结果</th><th>问题描述</th></tr></thead>
        <tbody>{{#items}}<tr><td><strong>{{code}}</strong> {{name}}</td><td class="{{#problem}}bad{{/problem}}{{#noProblem}}ok{{/noProblem}}">{{outcome}}{{#confidential}}（不公示）{{/confidential}}</td><td>{{description}}</td></tr>{{/items}}</tbody>
      </table></div>
      {{#visited}}<p class="muted">检查日期 {{checkedOn}} · 现场解答 {{questions}} 个{{#refusedToSign}} · 企业拒绝签字{{/refusedToSign}}</p>{{/visited}}
      {{/editable}}
      {{^empty(followUps)}}<h3>后续处置</h3><ul class="items">{{#followUps}}<li>{{date}} {{action}}{{#note}}：{{note}}{{/note}}</li>{{/followUps}}</ul>{{/empty(followUps)}}
      {{#canFollowUp}}
      <form method="post" action="{{followUpAction}}" class="stack" id="followup">
        {{>csrf}}
        <h3>录入后续处置（20 个工作日内）</h3>
        <p class="hint">依据\#(Citation.luancheng2026)五(四)：“在20个工作日内将后续处置结果录入”。</p>
        <div class="grid">
          <label>处置方式<select name="action">{{#actions}}<option>{{value}}</option>{{/actions}}</select></label>
          <label>日期<input type="date" name="date" value="{{today}}"></label>
        </div>
        <label>说明<input name="note" placeholder="如 限期 15 日内整改"></label>
        <button class="primary">保存后续处置</button>
      </form>
      {{/canFollowUp}}
    </section>
    {{/sections}}
    {{/content}}{{/body}}{{/layout}}
    """#

    static let myForms = #"""
    {{<layout}}{{$body}}{{#content}}
    <h1>我的检查表</h1>
    <p class="sub">执法证号 {{certificate}} · 点企业名称录入检查结果</p>
    {{#empty(rows)}}<p class="muted">您目前不在任何检查组中。</p>{{/empty(rows)}}
    <ul class="cards">
    {{#rows}}
      <li class="card form-card">
        <a class="title" href="{{link}}">{{name}}</a>
        <p class="muted">{{address}}</p>
        <p>{{planNumber}} · {{department}} · {{role}} · <span class="badge">{{stateLabel}}</span></p>
        <p>已录入 <strong class="{{#complete}}ok{{/complete}}">{{progress}}</strong></p>
        <p class="actions"><a class="button" href="{{formLink}}">下载一企一表</a>{{#canEnter}}<a class="button primary" href="{{link}}">录入结果</a>{{/canEnter}}</p>
      </li>
    {{/rows}}
    </ul>
    {{/content}}{{/body}}{{/layout}}
    """#
}
