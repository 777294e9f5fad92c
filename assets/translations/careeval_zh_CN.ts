<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnswerDelegate</name>
    <message>
        <location filename="../../qml/AnswerDelegate.qml" line="99"/>
        <source>Team members disagree: %1. The lead chooses the value.</source>
        <translation>评估组成员意见不一致：%1。由组长确定取值。</translation>
    </message>
    <message>
        <location filename="../../qml/AnswerDelegate.qml" line="106"/>
        <source>Settle</source>
        <translation>裁定</translation>
    </message>
    <message>
        <location filename="../../qml/AnswerDelegate.qml" line="146"/>
        <source>On the findings list</source>
        <translation>已列入问题清单</translation>
    </message>
    <message>
        <location filename="../../qml/AnswerDelegate.qml" line="146"/>
        <source>Put on the findings list</source>
        <translation>列入问题清单</translation>
    </message>
    <message>
        <location filename="../../qml/AnswerDelegate.qml" line="152"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../qml/AnswerDelegate.qml" line="158"/>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../../qml/AnswerDelegate.qml" line="164"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>AnswerTitle</name>
    <message>
        <location filename="../../qml/AnswerTitle.qml" line="31"/>
        <source>Major hazard</source>
        <translation>重大隐患</translation>
    </message>
    <message>
        <location filename="../../qml/AnswerTitle.qml" line="31"/>
        <source>Hazard</source>
        <translation>一般隐患</translation>
    </message>
    <message>
        <location filename="../../qml/AnswerTitle.qml" line="37"/>
        <source>Prefilled</source>
        <translation>预填</translation>
    </message>
    <message>
        <location filename="../../qml/AnswerTitle.qml" line="43"/>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../qml/AnswerTitle.qml" line="43"/>
        <source>Resolved</source>
        <translation>已裁定</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../mobile/app.cpp" line="26"/>
        <source>The data on this tablet cannot be opened (%1). Nothing has been changed; ask for support before continuing.</source>
        <translation>无法打开本机数据（%1）。数据未做任何改动；请先联系技术支持再继续。</translation>
    </message>
    <message>
        <location filename="../../mobile/app.cpp" line="137"/>
        <source>The demo inspection could not be created: %1</source>
        <translation>无法创建演示评估：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/app.cpp" line="146"/>
        <source>Inspection %1 is not assigned to you on this tablet.</source>
        <translation>本机上没有分配给您的评估 %1。</translation>
    </message>
    <message>
        <location filename="../../mobile/app.cpp" line="157"/>
        <location filename="../../mobile/app.cpp" line="189"/>
        <source>The inspection could not be opened: %1</source>
        <translation>无法打开该评估：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/app.cpp" line="181"/>
        <source>“%1” is not a role.</source>
        <translation>“%1”不是角色。</translation>
    </message>
    <message>
        <location filename="../../mobile/app.cpp" line="224"/>
        <source>Say what the team must change: returning needs a comment.</source>
        <translation>请写明评估组需要修改什么：退回必须填写意见。</translation>
    </message>
    <message>
        <location filename="../../mobile/app.cpp" line="232"/>
        <source>The review was not recorded: %1</source>
        <translation>审核未记录：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/app.cpp" line="236"/>
        <source>Approved; the evaluation is locked.</source>
        <translation>已批准，评估已锁定。</translation>
    </message>
    <message>
        <location filename="../../mobile/app.cpp" line="237"/>
        <source>Returned to the team with your comments.</source>
        <translation>已连同意见退回评估组。</translation>
    </message>
    <message>
        <location filename="../../mobile/app.cpp" line="250"/>
        <source>The report could not be written: %1</source>
        <translation>无法生成报告：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../mobile/app.cpp" line="258"/>
        <source>%n photo(s) or signature(s) are not on this tablet yet and are being fetched; write the report again once they have arrived.</source>
        <translation>
            <numerusform>有 %n 张照片或签名尚未下载到本机，正在获取；下载完成后请重新生成报告。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../mobile/app.cpp" line="269"/>
        <source>No program on this tablet opens PDF files; the report is saved at %1</source>
        <translation>本机没有可打开 PDF 的程序；报告已保存在 %1</translation>
    </message>
    <message>
        <location filename="../../mobile/app.cpp" line="287"/>
        <source>The server&apos;s team view could not be understood: %1</source>
        <translation>无法读懂服务器返回的评估组情况：%1</translation>
    </message>
</context>
<context>
    <name>ApproveDialog</name>
    <message>
        <location filename="../../qml/ApproveDialog.qml" line="12"/>
        <source>Approve and lock?</source>
        <translation>批准并锁定？</translation>
    </message>
    <message>
        <location filename="../../qml/ApproveDialog.qml" line="26"/>
        <source>Approving locks the evaluation: nobody can change it afterwards, and the report becomes the record.</source>
        <translation>批准后评估即锁定，任何人都不能再修改，报告成为正式记录。</translation>
    </message>
    <message>
        <location filename="../../qml/ApproveDialog.qml" line="34"/>
        <source>The conclusion is not complete: %1 required items missing, %2 conflicts, %3 other open points.</source>
        <translation>结论尚未完成：缺少 %1 个必填项，%2 处冲突，另有 %3 项未完成事项。</translation>
    </message>
    <message>
        <location filename="../../qml/ApproveDialog.qml" line="43"/>
        <source>%1 major hazards are still open.</source>
        <translation>仍有 %1 项重大风险隐患未整改。</translation>
    </message>
    <message>
        <location filename="../../qml/ApproveDialog.qml" line="50"/>
        <source>The conclusion is complete: %1.</source>
        <translation>结论已完成：%1。</translation>
    </message>
    <message>
        <location filename="../../qml/ApproveDialog.qml" line="50"/>
        <source>passes</source>
        <translation>合格</translation>
    </message>
    <message>
        <location filename="../../qml/ApproveDialog.qml" line="50"/>
        <source>does not pass</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location filename="../../qml/ApproveDialog.qml" line="60"/>
        <source>Approve anyway and lock</source>
        <translation>仍然批准并锁定</translation>
    </message>
    <message>
        <location filename="../../qml/ApproveDialog.qml" line="60"/>
        <source>Approve and lock</source>
        <translation>批准并锁定</translation>
    </message>
</context>
<context>
    <name>AssignmentDelegate</name>
    <message>
        <location filename="../../qml/AssignmentDelegate.qml" line="41"/>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <location filename="../../qml/AssignmentDelegate.qml" line="64"/>
        <source>%1% done</source>
        <translation>已完成 %1%</translation>
    </message>
</context>
<context>
    <name>AssignmentsPage</name>
    <message>
        <location filename="../../qml/AssignmentsPage.qml" line="10"/>
        <source>My assignments</source>
        <translation>我的评估任务</translation>
    </message>
    <message>
        <location filename="../../qml/AssignmentsPage.qml" line="30"/>
        <source>Working offline: changes are kept on this tablet.</source>
        <translation>离线工作中：所有修改都保存在本机。</translation>
    </message>
    <message>
        <location filename="../../qml/AssignmentsPage.qml" line="30"/>
        <source>Signed in as %1 (%2).</source>
        <translation>当前用户：%1（%2）。</translation>
    </message>
    <message>
        <location filename="../../qml/AssignmentsPage.qml" line="43"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../qml/AssignmentsPage.qml" line="73"/>
        <source>No inspections are assigned to you on this tablet yet.</source>
        <translation>本机上还没有分配给您的评估任务。</translation>
    </message>
    <message>
        <location filename="../../qml/AssignmentsPage.qml" line="79"/>
        <source>Open the demo inspection</source>
        <translation>打开演示评估</translation>
    </message>
</context>
<context>
    <name>CameraCapture</name>
    <message>
        <location filename="../../qml/CameraCapture.qml" line="46"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../qml/CameraCapture.qml" line="49"/>
        <source>Take</source>
        <translation>拍照</translation>
    </message>
</context>
<context>
    <name>CeCheckEditor</name>
    <message>
        <location filename="../../qml/CeCheckEditor.qml" line="15"/>
        <source>✓ Compliant</source>
        <translation>✓ 符合</translation>
    </message>
    <message>
        <location filename="../../qml/CeCheckEditor.qml" line="16"/>
        <source>✗ Non-compliant</source>
        <translation>✗ 不符合</translation>
    </message>
    <message>
        <location filename="../../qml/CeCheckEditor.qml" line="17"/>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
</context>
<context>
    <name>CeConfirmDialog</name>
    <message>
        <location filename="../../qml/CeConfirmDialog.qml" line="11"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../qml/CeConfirmDialog.qml" line="49"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CeDateEditor</name>
    <message>
        <location filename="../../qml/CeDateEditor.qml" line="13"/>
        <source>Choose a date</source>
        <translation>选择日期</translation>
    </message>
    <message>
        <location filename="../../qml/CeDateEditor.qml" line="36"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>CeDatePicker</name>
    <message>
        <location filename="../../qml/CeDatePicker.qml" line="15"/>
        <source>Choose a date</source>
        <translation>选择日期</translation>
    </message>
    <message>
        <location filename="../../qml/CeDatePicker.qml" line="82"/>
        <source>%1 month</source>
        <translation>%1月</translation>
    </message>
    <message>
        <location filename="../../qml/CeDatePicker.qml" line="97"/>
        <source>%1 day</source>
        <translation>%1日</translation>
    </message>
    <message>
        <location filename="../../qml/CeDatePicker.qml" line="108"/>
        <source>Choose a date from %1 to %2.</source>
        <translation>请选择 %1 至 %2 之间的日期。</translation>
    </message>
    <message>
        <location filename="../../qml/CeDatePicker.qml" line="116"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../qml/CeDatePicker.qml" line="121"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../qml/CeDatePicker.qml" line="124"/>
        <source>Use this date</source>
        <translation>使用此日期</translation>
    </message>
</context>
<context>
    <name>CeEvidenceSlot</name>
    <message>
        <location filename="../../qml/CeEvidenceSlot.qml" line="50"/>
        <source>Signed by %1 on %2</source>
        <translation>%1 签于 %2</translation>
    </message>
    <message>
        <location filename="../../qml/CeEvidenceSlot.qml" line="51"/>
        <source>Not signed yet</source>
        <translation>尚未签名</translation>
    </message>
    <message>
        <location filename="../../qml/CeEvidenceSlot.qml" line="56"/>
        <source>Sign again</source>
        <translation>重新签名</translation>
    </message>
    <message>
        <location filename="../../qml/CeEvidenceSlot.qml" line="56"/>
        <source>Sign</source>
        <translation>签名</translation>
    </message>
</context>
<context>
    <name>CeHeader</name>
    <message>
        <location filename="../../qml/CeHeader.qml" line="30"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../qml/CeHeader.qml" line="51"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../qml/CeHeader.qml" line="63"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>CeNoteField</name>
    <message>
        <location filename="../../qml/CeNoteField.qml" line="12"/>
        <source>Required: describe what was found</source>
        <translation>必填：说明发现的问题</translation>
    </message>
    <message>
        <location filename="../../qml/CeNoteField.qml" line="12"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>CeNumberEditor</name>
    <message>
        <location filename="../../qml/CeNumberEditor.qml" line="19"/>
        <source>Number</source>
        <translation>数值</translation>
    </message>
</context>
<context>
    <name>CePhotoStrip</name>
    <message>
        <location filename="../../qml/CePhotoStrip.qml" line="23"/>
        <source>Photos: %1 of %2 required</source>
        <translation>照片：%1 / 需 %2 张</translation>
    </message>
    <message>
        <location filename="../../qml/CePhotoStrip.qml" line="24"/>
        <source>Photos: %1</source>
        <translation>照片：%1</translation>
    </message>
    <message>
        <location filename="../../qml/CePhotoStrip.qml" line="31"/>
        <source>Add photo</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <location filename="../../qml/CePhotoStrip.qml" line="50"/>
        <source>Photo %1</source>
        <translation>照片 %1</translation>
    </message>
    <message>
        <location filename="../../qml/CePhotoStrip.qml" line="63"/>
        <source>not here</source>
        <translation>不在本机</translation>
    </message>
    <message>
        <location filename="../../qml/CePhotoStrip.qml" line="63"/>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
</context>
<context>
    <name>CeReadOnlyAnswer</name>
    <message>
        <location filename="../../qml/CeReadOnlyAnswer.qml" line="28"/>
        <source>No team value: the members disagree</source>
        <translation>尚无评估组取值：组员意见不一致</translation>
    </message>
    <message>
        <location filename="../../qml/CeReadOnlyAnswer.qml" line="29"/>
        <source>Not answered</source>
        <translation>未填写</translation>
    </message>
    <message>
        <location filename="../../qml/CeReadOnlyAnswer.qml" line="32"/>
        <source>(computed, not confirmed)</source>
        <translation>（自动计算，尚未确认）</translation>
    </message>
    <message>
        <location filename="../../qml/CeReadOnlyAnswer.qml" line="50"/>
        <source>%1 answered %2</source>
        <translation>%1 的答案：%2</translation>
    </message>
    <message>
        <location filename="../../qml/CeReadOnlyAnswer.qml" line="52"/>
        <source>Note by %1: %2</source>
        <translation>%1 的备注：%2</translation>
    </message>
</context>
<context>
    <name>CeScaleView</name>
    <message>
        <location filename="../../qml/CeScaleView.qml" line="9"/>
        <source>Answers: %1</source>
        <translation>答案选项：%1</translation>
    </message>
</context>
<context>
    <name>CeScoreEditor</name>
    <message>
        <location filename="../../qml/CeScoreEditor.qml" line="39"/>
        <source>N/A</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../qml/CeScoreEditor.qml" line="64"/>
        <source>of %1 points</source>
        <translation>（满分 %1 分）</translation>
    </message>
    <message>
        <location filename="../../qml/CeScoreEditor.qml" line="69"/>
        <source>At most %1 points: %2 cannot be saved.</source>
        <translation>满分 %1 分：%2 不能保存。</translation>
    </message>
    <message>
        <location filename="../../qml/CeScoreEditor.qml" line="75"/>
        <source>Computed from earlier steps; tap a value to confirm or change it.</source>
        <translation>根据前面步骤自动计算；点选分值以确认或修改。</translation>
    </message>
</context>
<context>
    <name>CeSyncBadge</name>
    <message>
        <location filename="../../qml/CeSyncBadge.qml" line="12"/>
        <source>Refused: %1</source>
        <translation>被拒收：%1</translation>
    </message>
    <message>
        <location filename="../../qml/CeSyncBadge.qml" line="13"/>
        <source>Conflicts: %1</source>
        <translation>冲突：%1</translation>
    </message>
    <message>
        <location filename="../../qml/CeSyncBadge.qml" line="14"/>
        <source>On this tablet only</source>
        <translation>仅存于本平板</translation>
    </message>
    <message>
        <location filename="../../qml/CeSyncBadge.qml" line="15"/>
        <source>Waiting to send: %1</source>
        <translation>待发送：%1</translation>
    </message>
    <message>
        <location filename="../../qml/CeSyncBadge.qml" line="16"/>
        <source>All sent</source>
        <translation>已全部发送</translation>
    </message>
</context>
<context>
    <name>CeTextEditor</name>
    <message>
        <location filename="../../qml/CeTextEditor.qml" line="12"/>
        <source>Type here</source>
        <translation>在此输入</translation>
    </message>
</context>
<context>
    <name>ConclusionPage</name>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="11"/>
        <source>Step %1 of 8</source>
        <translation>第 %1 步（共 8 步）</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="44"/>
        <source>Conclusion</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="46"/>
        <source>The institution passes.</source>
        <translation>该机构评估合格。</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="47"/>
        <source>The institution does not pass.</source>
        <translation>该机构评估不合格。</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="54"/>
        <source>Passes</source>
        <translation>合格</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="54"/>
        <source>Fails</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="54"/>
        <source>Not complete</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="96"/>
        <source>Indicators</source>
        <translation>考核指标</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="63"/>
        <source>Why it does not pass</source>
        <translation>不合格原因</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="48"/>
        <source>Not complete: the points below are still open. Tap one to go to it.</source>
        <translation>尚未完成：以下事项仍待处理。点击可转到相应项目。</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="70"/>
        <source>Team conflicts for the lead</source>
        <translation>待组长裁定的冲突</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="77"/>
        <source>Required items still missing</source>
        <translation>尚缺的必填项</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="84"/>
        <source>Also keeps the conclusion open</source>
        <translation>结论尚未完成的其他原因</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="91"/>
        <source>Remarks stated with the conclusion</source>
        <translation>随结论说明的事项</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="101"/>
        <source>Conclusion of the team</source>
        <translation>评估组结论</translation>
    </message>
</context>
<context>
    <name>EvidenceController</name>
    <message>
        <location filename="../../mobile/evidencecontroller.cpp" line="39"/>
        <source>Photos cannot be stored on this tablet.</source>
        <translation>本机无法保存照片。</translation>
    </message>
    <message>
        <location filename="../../mobile/evidencecontroller.cpp" line="45"/>
        <source>The photo was not added: %1</source>
        <translation>照片未添加：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/evidencecontroller.cpp" line="59"/>
        <source>photo on %1</source>
        <translation>“%1”的照片</translation>
    </message>
    <message>
        <location filename="../../mobile/evidencecontroller.cpp" line="61"/>
        <source>Photo attached (this picture was already on the tablet, stored once)</source>
        <translation>已附加照片（本机已有这张照片，只保存一份）</translation>
    </message>
    <message>
        <location filename="../../mobile/evidencecontroller.cpp" line="61"/>
        <source>Photo attached</source>
        <translation>已附加照片</translation>
    </message>
    <message>
        <location filename="../../mobile/evidencecontroller.cpp" line="75"/>
        <source>Photo removed</source>
        <translation>已移除照片</translation>
    </message>
    <message>
        <location filename="../../mobile/evidencecontroller.cpp" line="78"/>
        <source>That photo is no longer attached.</source>
        <translation>这张照片已不再附加。</translation>
    </message>
    <message>
        <location filename="../../mobile/evidencecontroller.cpp" line="106"/>
        <source>“%1” is not a signature.</source>
        <translation>“%1”不是签名项。</translation>
    </message>
    <message>
        <location filename="../../mobile/evidencecontroller.cpp" line="110"/>
        <source>Write the signer&apos;s name before signing.</source>
        <translation>签名前请填写签名人姓名。</translation>
    </message>
    <message>
        <location filename="../../mobile/evidencecontroller.cpp" line="114"/>
        <source>Signatures cannot be stored on this tablet.</source>
        <translation>本机无法保存签名。</translation>
    </message>
    <message>
        <location filename="../../mobile/evidencecontroller.cpp" line="138"/>
        <source>Fill in %1 before signing: a signature acknowledges what was shown when it was given.</source>
        <translation>请先填写%1再签名：签名确认的是签名时所显示的内容。</translation>
    </message>
    <message>
        <location filename="../../mobile/evidencecontroller.cpp" line="144"/>
        <source>The signature was not saved: %1</source>
        <translation>签名未保存：%1</translation>
    </message>
</context>
<context>
    <name>FeedbackPage</name>
    <message>
        <location filename="../../qml/FeedbackPage.qml" line="11"/>
        <source>Step %1 of 8</source>
        <translation>第 %1 步（共 8 步）</translation>
    </message>
    <message>
        <location filename="../../qml/FeedbackPage.qml" line="26"/>
        <source>No item in this inspection matches “%1”.</source>
        <translation>本次评估中没有与“%1”匹配的项目。</translation>
    </message>
    <message>
        <location filename="../../qml/FeedbackPage.qml" line="59"/>
        <source>The evaluation report (PDF): cover, every step, scores, indicators, findings, photos and signatures.</source>
        <translation>评估报告（PDF）：封面、各步骤、评分、指标、问题、照片和签名。</translation>
    </message>
    <message>
        <location filename="../../qml/FeedbackPage.qml" line="60"/>
        <source>Report written: %1</source>
        <translation>报告已生成：%1</translation>
    </message>
    <message>
        <location filename="../../qml/FeedbackPage.qml" line="65"/>
        <source>Write the report</source>
        <translation>生成报告</translation>
    </message>
    <message>
        <location filename="../../qml/FeedbackPage.qml" line="65"/>
        <source>Write again</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../qml/FeedbackPage.qml" line="72"/>
        <source>Report written</source>
        <translation>报告已生成</translation>
    </message>
    <message>
        <location filename="../../qml/FeedbackPage.qml" line="78"/>
        <source>Open / share</source>
        <translation>打开 / 分享</translation>
    </message>
    <message>
        <location filename="../../qml/FeedbackPage.qml" line="87"/>
        <source>Findings (%1)</source>
        <translation>问题清单（%1）</translation>
    </message>
    <message>
        <location filename="../../qml/FeedbackPage.qml" line="93"/>
        <source>Add finding</source>
        <translation>添加问题</translation>
    </message>
    <message>
        <location filename="../../qml/FeedbackPage.qml" line="102"/>
        <source>No findings yet. Non-compliant items flagged as hazards appear here by themselves.</source>
        <translation>暂无问题。标记为隐患的不符合项会自动列在这里。</translation>
    </message>
    <message>
        <location filename="../../qml/FeedbackPage.qml" line="115"/>
        <source>Feedback meeting</source>
        <translation>反馈会议</translation>
    </message>
</context>
<context>
    <name>FindingDelegate</name>
    <message>
        <location filename="../../qml/FindingDelegate.qml" line="33"/>
        <source>Major hazard</source>
        <translation>重大隐患</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDelegate.qml" line="34"/>
        <source>Hazard</source>
        <translation>一般隐患</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDelegate.qml" line="35"/>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDelegate.qml" line="36"/>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDelegate.qml" line="40"/>
        <source>From the non-compliant item “%1”</source>
        <translation>来自不符合项“%1”</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDelegate.qml" line="52"/>
        <source>Improvement suggestion</source>
        <translation>整改建议</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDelegate.qml" line="61"/>
        <source>Responsible party</source>
        <translation>责任方</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDelegate.qml" line="69"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDelegate.qml" line="73"/>
        <source>Choose the deadline</source>
        <translation>选择整改期限</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDelegate.qml" line="84"/>
        <source>Needs a suggestion, a responsible party and a deadline.</source>
        <translation>需填写整改建议、责任方和整改期限。</translation>
    </message>
</context>
<context>
    <name>FindingDialog</name>
    <message>
        <location filename="../../qml/FindingDialog.qml" line="9"/>
        <source>New finding</source>
        <translation>新增问题</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDialog.qml" line="28"/>
        <source>Problem found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDialog.qml" line="29"/>
        <source>Improvement suggestion</source>
        <translation>整改建议</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDialog.qml" line="30"/>
        <source>Responsible party</source>
        <translation>责任方</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDialog.qml" line="34"/>
        <source>Choose the deadline</source>
        <translation>选择整改期限</translation>
    </message>
</context>
<context>
    <name>IndicatorDelegate</name>
    <message>
        <location filename="../../qml/IndicatorDelegate.qml" line="54"/>
        <source>target %1</source>
        <translation>目标 %1</translation>
    </message>
</context>
<context>
    <name>InspectionController</name>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="228"/>
        <source>No inspection is open.</source>
        <translation>没有打开的评估。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="255"/>
        <source>The change could not be saved on this tablet: %1</source>
        <translation>修改未能保存到本机：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="285"/>
        <source>“%1” is not a number.</source>
        <translation>“%1”不是数字。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="319"/>
        <source>“%1” is not a date; write it as 2026-11-25.</source>
        <translation>“%1”不是日期，请按 2026-11-25 的格式填写。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="332"/>
        <source>A score for this item is between 0 and %1 in steps of %2.</source>
        <translation>本项得分在 0 到 %1 之间，步长 %2。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="335"/>
        <source>The value must be between %1 and %2.</source>
        <translation>数值须在 %1 到 %2 之间。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="351"/>
        <source>The template has no item “%1”.</source>
        <translation>模板中没有“%1”这一项。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="370"/>
        <source>“%1” was signed for as it stands (%2): clear that signature first, then change it and sign again.</source>
        <translation>“%1”已按现有内容签名确认（%2）：请先清除该签名，修改后重新签名。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="392"/>
        <source>Unknown item “%1”.</source>
        <translation>未知的项目“%1”。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="396"/>
        <source>Say why “%1” does not apply.</source>
        <translation>请说明“%1”为何不适用。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="400"/>
        <source>Not applicable: %1</source>
        <translation>不适用：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="451"/>
        <source>Undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="478"/>
        <source>“%1” is held by %2: only they or the team lead change its status.</source>
        <translation>“%1”由%2负责：只有负责人或组长可以更改其状态。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="491"/>
        <source>A finding needs a short description of the problem.</source>
        <translation>请简要描述发现的问题。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="501"/>
        <location filename="../../mobile/inspectioncontroller.cpp" line="516"/>
        <source>The deadline must be a date, such as 2026-12-31: “%1” is not.</source>
        <translation>整改期限须为日期，例如 2026-12-31：“%1”不是日期。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="521"/>
        <source>This finding no longer exists.</source>
        <translation>该问题已不存在。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="533"/>
        <source>finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="586"/>
        <source>There is no item “%1” in this template.</source>
        <translation>模板中没有项目“%1”。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="591"/>
        <source>“%1” is on the findings list already.</source>
        <translation>“%1”已在问题清单中。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="604"/>
        <source>“%1” is on the findings list (step 8): add the suggestion, who is responsible and the deadline there.</source>
        <translation>“%1”已列入问题清单（第 8 步）：请在那里填写整改建议、责任方和期限。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="708"/>
        <source>%1 / %2 points</source>
        <translation>%1 / %2 分</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="619"/>
        <source>%1 of %2 points</source>
        <translation>%1 分（满分 %2 分）</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="624"/>
        <location filename="../../mobile/inspectioncontroller.cpp" line="638"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="649"/>
        <source>Sample not drawn yet</source>
        <translation>尚未抽取样本</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="650"/>
        <source>%1 of %2 residents answered, %3 satisfied</source>
        <translation>已调查 %1 / %2 名服务对象，满意度 %3</translation>
    </message>
</context>
<context>
    <name>ItemListModel</name>
    <message>
        <location filename="../../mobile/itemlistmodel.cpp" line="157"/>
        <source>Changed after this signature was given: %1. Clear the signature and sign again.</source>
        <translation>签名后以下内容已更改：%1。请清除签名后重新签名。</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../qml/Main.qml" line="13"/>
        <source>CareEval</source>
        <translation>养老机构现场评估</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="97"/>
        <source>Institution representative</source>
        <translation>机构代表</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="122"/>
        <source>Sign out?</source>
        <translation>确认退出登录？</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="122"/>
        <source>Signing out needs the server and the password to sign in again.</source>
        <translation>退出后需连接服务器并输入密码才能再次登录。</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="122"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="151"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
</context>
<context>
    <name>NaReasonDialog</name>
    <message>
        <location filename="../../qml/NaReasonDialog.qml" line="12"/>
        <source>Why does this not apply?</source>
        <translation>为何不适用？</translation>
    </message>
    <message>
        <location filename="../../qml/NaReasonDialog.qml" line="20"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../qml/NaReasonDialog.qml" line="27"/>
        <source>This item counts in every rate unless it truly does not apply. Say why, for the record.</source>
        <translation>除非确实不适用，本项计入各项比率。请说明原因，以备查。</translation>
    </message>
    <message>
        <location filename="../../qml/NaReasonDialog.qml" line="34"/>
        <source>e.g. single-storey building, no lift</source>
        <translation>例如：单层建筑，无电梯</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../qml/OverviewPage.qml" line="36"/>
        <source>%1 of %2 items answered</source>
        <translation>已完成 %1 / %2 项</translation>
    </message>
</context>
<context>
    <name>OverviewSummary</name>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="32"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="34"/>
        <source>Passes</source>
        <translation>合格</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="34"/>
        <source>Fails</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="34"/>
        <source>Not complete</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="46"/>
        <source>Survey: %1</source>
        <translation>满意度调查：%1</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="64"/>
        <source>Changes the server refused</source>
        <translation>服务器拒收的修改</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="71"/>
        <source>Why it does not pass</source>
        <translation>不合格原因</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="78"/>
        <source>Also keeps the conclusion open</source>
        <translation>结论尚未完成的其他原因</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="84"/>
        <source>Remarks stated with the conclusion</source>
        <translation>随结论说明的事项</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="91"/>
        <source>Submit for review…</source>
        <translation>提交审核…</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="98"/>
        <source>Team conflicts to resolve (%1)</source>
        <translation>待裁定的冲突（%1）</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="99"/>
        <source>No team conflicts</source>
        <translation>没有冲突</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="109"/>
        <source>Still missing (%1)</source>
        <translation>尚缺（%1）</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="110"/>
        <source>Nothing required is missing</source>
        <translation>必填项已全部完成</translation>
    </message>
</context>
<context>
    <name>PhotoAddDialog</name>
    <message>
        <location filename="../../qml/PhotoAddDialog.qml" line="47"/>
        <source>Pictures (*.jpg *.jpeg *.png *.heic *.webp *.bmp)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.heic *.webp *.bmp)</translation>
    </message>
    <message>
        <location filename="../../qml/PhotoAddDialog.qml" line="47"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../qml/PhotoAddDialog.qml" line="57"/>
        <source>Attach the photo</source>
        <translation>附加照片</translation>
    </message>
    <message>
        <location filename="../../qml/PhotoAddDialog.qml" line="80"/>
        <source>OK opens the camera.</source>
        <translation>按“确定”打开相机。</translation>
    </message>
    <message>
        <location filename="../../qml/PhotoAddDialog.qml" line="81"/>
        <source>Import a file instead</source>
        <translation>改为导入文件</translation>
    </message>
    <message>
        <location filename="../../qml/PhotoAddDialog.qml" line="94"/>
        <source>Caption (what the photo shows)</source>
        <translation>说明（照片拍的是什么）</translation>
    </message>
</context>
<context>
    <name>PhotoStore</name>
    <message>
        <location filename="../../mobile/photostore.cpp" line="225"/>
        <source>Take a photo, or import an image file.</source>
        <translation>拍照，或导入图片文件。</translation>
    </message>
    <message>
        <location filename="../../mobile/photostore.cpp" line="226"/>
        <source>This tablet has no camera: import an image file instead.</source>
        <translation>本机没有摄像头：请改为导入图片文件。</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../../qml/PhotoViewer.qml" line="74"/>
        <source>(no caption)</source>
        <translation>（无说明）</translation>
    </message>
    <message>
        <location filename="../../qml/PhotoViewer.qml" line="83"/>
        <source>%1 of %2 · by %3 · taken %4</source>
        <translation>第 %1 / %2 张 · 拍摄人 %3 · 拍摄于 %4</translation>
    </message>
    <message>
        <location filename="../../qml/PhotoViewer.qml" line="93"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../qml/PhotoViewer.qml" line="100"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <location filename="../../mobile/report.cpp" line="180"/>
        <source>photo not on this tablet</source>
        <translation>照片不在本机</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="215"/>
        <source>Page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="258"/>
        <source>Evaluation report</source>
        <translation>评估报告</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="277"/>
        <source>Inspection</source>
        <translation>评估任务</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="281"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="316"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="283"/>
        <location filename="../../mobile/report.cpp" line="390"/>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="287"/>
        <source>Generated</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="332"/>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="346"/>
        <source>conflict, not settled</source>
        <translation>冲突，未裁定</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="353"/>
        <source>%1 (prefilled)</source>
        <translation>%1（预填）</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="355"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message numerus="yes">
        <location filename="../../mobile/report.cpp" line="365"/>
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n 张照片</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="375"/>
        <location filename="../../mobile/report.cpp" line="462"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="375"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="375"/>
        <location filename="../../mobile/report.cpp" line="412"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="375"/>
        <source>Notes and evidence</source>
        <translation>备注与证据</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="379"/>
        <source>Scoring sheet</source>
        <translation>评分表</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="392"/>
        <source>Section</source>
        <translation>部分</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="392"/>
        <source>Points</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="392"/>
        <source>Answered</source>
        <translation>已答</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="395"/>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="404"/>
        <source>met</source>
        <translation>达标</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="405"/>
        <source>NOT met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="406"/>
        <source>incomplete</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="407"/>
        <source>for information</source>
        <translation>仅供参考</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="412"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="412"/>
        <source>Figure</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="412"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="417"/>
        <source>Resident satisfaction survey</source>
        <translation>服务对象满意度调查</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="420"/>
        <source>Sample drawn from %1 residents (%2), %3 asked, seed %4 — anyone can redraw it with this seed.</source>
        <translation>从 %1 名服务对象中抽样（%2），调查 %3 名，随机种子 %4 —— 任何人都可用此种子重新抽取核对。</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="422"/>
        <source>roster</source>
        <translation>名册</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="422"/>
        <source>bed count</source>
        <translation>床位数</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="282"/>
        <location filename="../../mobile/report.cpp" line="429"/>
        <source>Conclusion</source>
        <translation>评估结论</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="268"/>
        <source>Passes</source>
        <translation>合格</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="269"/>
        <source>Does not pass</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="270"/>
        <source>Not complete</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="278"/>
        <source>Institution evaluated</source>
        <translation>被评估机构</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="278"/>
        <source>Evaluated by</source>
        <translation>评估组</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="279"/>
        <source>Planned date</source>
        <translation>计划日期</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="280"/>
        <source>Evaluation began</source>
        <translation>评估开始日期</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="280"/>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="286"/>
        <source>Review status</source>
        <translation>审核状态</translation>
    </message>
    <message numerus="yes">
        <location filename="../../mobile/report.cpp" line="302"/>
        <source>%n photo(s) or signature(s) named in this record are not on this tablet yet; each is marked where it belongs. Sync, then write the report again.</source>
        <translation>
            <numerusform>本记录中有 %n 张照片或签名尚未下载到本机，已在相应位置注明。请同步后重新生成报告。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="307"/>
        <source>Procedure followed</source>
        <translation>评估程序执行情况</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="316"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="316"/>
        <source>Held by</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="318"/>
        <source>Why it does not pass</source>
        <translation>不合格原因</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="318"/>
        <source>Why it is not complete</source>
        <translation>未完成原因</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="333"/>
        <source> · held by %1</source>
        <translation> · 负责人：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="431"/>
        <source>The institution meets the standard.</source>
        <translation>该机构达到标准。</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="432"/>
        <source>The institution does not meet the standard.</source>
        <translation>该机构未达到标准。</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="433"/>
        <source>The evaluation is not complete yet.</source>
        <translation>评估尚未完成。</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="443"/>
        <source>Findings and improvement suggestions</source>
        <translation>发现的问题与整改建议</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="450"/>
        <source> (closed)</source>
        <translation>（已关闭）</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="456"/>
        <source>Finding %1</source>
        <translation>问题 %1</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="459"/>
        <source>No findings.</source>
        <translation>无问题。</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="462"/>
        <source>Finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="462"/>
        <source>Improvement suggestion</source>
        <translation>整改建议</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="462"/>
        <source>Responsible</source>
        <translation>责任方</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="463"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="468"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="481"/>
        <source>Signatures</source>
        <translation>签名</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="486"/>
        <source>not signed</source>
        <translation>未签名</translation>
    </message>
    <message>
        <location filename="../../mobile/report.cpp" line="491"/>
        <source>[the signature image is not on this tablet yet: sync, then write the report again]</source>
        <translation>［签名图像尚未下载到本机：请同步后重新生成报告］</translation>
    </message>
</context>
<context>
    <name>ResidentMode</name>
    <message>
        <location filename="../../qml/ResidentMode.qml" line="57"/>
        <source>Question %1 of %2</source>
        <translation>第 %1 题，共 %2 题</translation>
    </message>
    <message>
        <location filename="../../qml/ResidentMode.qml" line="64"/>
        <source>Evaluator: hold to leave</source>
        <translation>评估员：长按退出</translation>
    </message>
    <message>
        <location filename="../../qml/ResidentMode.qml" line="96"/>
        <source>Don&apos;t know</source>
        <translation>不知道</translation>
    </message>
    <message>
        <location filename="../../qml/ResidentMode.qml" line="137"/>
        <source>Thank you!</source>
        <translation>谢谢您！</translation>
    </message>
    <message>
        <location filename="../../qml/ResidentMode.qml" line="143"/>
        <source>%1 of %2 questions answered.</source>
        <translation>已回答 %1 / %2 题。</translation>
    </message>
    <message>
        <location filename="../../qml/ResidentMode.qml" line="148"/>
        <source>Finish and save</source>
        <translation>完成并保存</translation>
    </message>
    <message>
        <location filename="../../qml/ResidentMode.qml" line="161"/>
        <source>Back</source>
        <translation>上一题</translation>
    </message>
    <message>
        <location filename="../../qml/ResidentMode.qml" line="171"/>
        <source>Next</source>
        <translation>下一题</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <location filename="../../qml/ResolveDialog.qml" line="18"/>
        <source>Settle the conflict</source>
        <translation>裁定冲突</translation>
    </message>
    <message>
        <location filename="../../qml/ResolveDialog.qml" line="35"/>
        <source>Choose one of the values first.</source>
        <translation>请先选择其中一个值。</translation>
    </message>
    <message>
        <location filename="../../qml/ResolveDialog.qml" line="48"/>
        <source>%1 — by %2 at %3</source>
        <translation>%1 —— %2，%3</translation>
    </message>
    <message>
        <location filename="../../qml/ResolveDialog.qml" line="59"/>
        <source>Another value:</source>
        <translation>其他值：</translation>
    </message>
    <message>
        <location filename="../../qml/ResolveDialog.qml" line="72"/>
        <source>Reason for this decision (required)</source>
        <translation>裁定理由（必填）</translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message>
        <location filename="../../mobile/reviewcontroller.cpp" line="35"/>
        <source>“%1” was not accepted by the server: %2</source>
        <translation>服务器未接受“%1”：%2</translation>
    </message>
    <message>
        <location filename="../../mobile/reviewcontroller.cpp" line="72"/>
        <source>There is nothing to settle on “%1”.</source>
        <translation>“%1”没有需要裁定的冲突。</translation>
    </message>
    <message>
        <location filename="../../mobile/reviewcontroller.cpp" line="76"/>
        <source>Say why this value was chosen; the reason is kept with the decision.</source>
        <translation>请说明选择此值的理由；理由会随裁定一并保存。</translation>
    </message>
    <message>
        <location filename="../../mobile/reviewcontroller.cpp" line="109"/>
        <source>Returned by %1: %2</source>
        <translation>%1 已退回：%2</translation>
    </message>
    <message>
        <location filename="../../mobile/reviewcontroller.cpp" line="111"/>
        <source>Approved by %1.</source>
        <translation>%1 已批准。</translation>
    </message>
    <message>
        <location filename="../../mobile/reviewcontroller.cpp" line="111"/>
        <source>Approved by %1: %2</source>
        <translation>%1 已批准：%2</translation>
    </message>
    <message>
        <location filename="../../mobile/reviewcontroller.cpp" line="113"/>
        <source>Submitted by %1.</source>
        <translation>%1 已提交。</translation>
    </message>
    <message>
        <location filename="../../mobile/reviewcontroller.cpp" line="113"/>
        <source>Submitted by %1: %2</source>
        <translation>%1 已提交：%2</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../../qml/ReviewPanel.qml" line="28"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../qml/ReviewPanel.qml" line="31"/>
        <source>Comments for the team (required to return)</source>
        <translation>给评估组的意见（退回时必填）</translation>
    </message>
    <message>
        <location filename="../../qml/ReviewPanel.qml" line="39"/>
        <source>Return to the team</source>
        <translation>退回评估组</translation>
    </message>
    <message>
        <location filename="../../qml/ReviewPanel.qml" line="45"/>
        <source>Approve and lock</source>
        <translation>批准并锁定</translation>
    </message>
</context>
<context>
    <name>ServerApi</name>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="28"/>
        <source>The server at %1 is not answering. Check the address in Settings, or work on: everything is kept on this tablet.</source>
        <translation>服务器 %1 没有响应。请在设置中检查地址，或继续离线工作：所有内容都保存在本机。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="32"/>
        <source>The server name %1 cannot be found. Check the address in Settings and the network.</source>
        <translation>找不到服务器 %1。请检查设置中的地址和网络。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="35"/>
        <source>The server at %1 took too long to answer. The network may be weak; try again.</source>
        <translation>服务器 %1 响应超时，网络可能较弱，请重试。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="37"/>
        <source>A secure connection to %1 could not be made (certificate problem).</source>
        <translation>无法与 %1 建立安全连接（证书问题）。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="41"/>
        <source>There is no network connection. Everything is kept on this tablet and will be sent later.</source>
        <translation>没有网络连接。所有内容都保存在本机，稍后发送。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="43"/>
        <source>The connection to %1 failed. Try again later.</source>
        <translation>连接 %1 失败，请稍后重试。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="51"/>
        <source>Your sign-in has expired or is not valid. Sign in again.</source>
        <translation>登录已过期或无效，请重新登录。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="53"/>
        <source>You are not allowed to do this (%1).</source>
        <translation>您无权进行此操作（%1）。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="55"/>
        <source>The server does not know this (%1).</source>
        <translation>服务器上没有此内容（%1）。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="57"/>
        <source>This is too large for the server.</source>
        <translation>内容太大，服务器无法接收。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="59"/>
        <source>Too many attempts. Wait a few minutes and try again.</source>
        <translation>尝试次数过多，请等几分钟再试。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="62"/>
        <source>The server had a problem (%1). Try again later.</source>
        <translation>服务器出现问题（%1），请稍后重试。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="64"/>
        <source>The server refused the request (HTTP %1).</source>
        <translation>服务器拒绝了请求（HTTP %1）。</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../mobile/session.cpp" line="68"/>
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <location filename="../../mobile/session.cpp" line="73"/>
        <source>The server address “%1” is not valid (it looks like http://192.168.1.10:8080).</source>
        <translation>服务器地址“%1”无效（格式如 http://192.168.1.10:8080）。</translation>
    </message>
    <message>
        <location filename="../../mobile/session.cpp" line="89"/>
        <location filename="../../mobile/session.cpp" line="125"/>
        <source>The user name or password is wrong.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <location filename="../../mobile/session.cpp" line="98"/>
        <source>The server&apos;s answer to the sign-in could not be understood.</source>
        <translation>无法识别服务器的登录响应。</translation>
    </message>
    <message>
        <location filename="../../mobile/session.cpp" line="110"/>
        <source>Signed in, but offline sign-in could not be prepared: %1</source>
        <translation>已登录，但无法准备离线登录：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/session.cpp" line="119"/>
        <source>This account has not signed in on this tablet before, so it cannot sign in offline.</source>
        <translation>该账号此前未在本机登录过，无法离线登录。</translation>
    </message>
    <message>
        <location filename="../../mobile/session.cpp" line="133"/>
        <source>Li Hua (demo)</source>
        <translation>李华（演示）</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="9"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="28"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="39"/>
        <source>Text size</source>
        <translation>字号</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="42"/>
        <source>Normal</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="42"/>
        <source>Large</source>
        <translation>大</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="42"/>
        <source>Extra large</source>
        <translation>特大</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="57"/>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="66"/>
        <source>Device: %1 · version %2</source>
        <translation>设备：%1 · 版本 %2</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="78"/>
        <source>Signed in as %1 (%2)</source>
        <translation>当前用户：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="83"/>
        <location filename="../../qml/SettingsPage.qml" line="92"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="86"/>
        <source>Sign out?</source>
        <translation>确认退出登录？</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="88"/>
        <source>%1 changes and %2 photos have not reached the server yet. They stay on this tablet and are sent after %3 signs in again; nobody else can send them.</source>
        <translation>还有 %1 条修改和 %2 张照片未发送到服务器。它们保留在本机，须由 %3 重新登录后发送，其他人无法代为发送。</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="91"/>
        <source>Signing out needs the server and the password to sign in again.</source>
        <translation>退出后需连接服务器并输入密码才能再次登录。</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../qml/SignInPage.qml" line="9"/>
        <location filename="../../qml/SignInPage.qml" line="86"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="34"/>
        <source>CareEval</source>
        <translation>养老机构现场评估</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="41"/>
        <source>On-site evaluation of elderly-care institutions</source>
        <translation>养老机构现场评估工具</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="53"/>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="62"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="69"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="86"/>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="97"/>
        <source>After the first sign-in on this tablet you can sign in without a network.</source>
        <translation>在本机首次联网登录后，之后无网络也可登录。</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="106"/>
        <source>Try the demo inspection (no server needed)</source>
        <translation>试用演示评估（无需服务器）</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <location filename="../../qml/SignatureDialog.qml" line="16"/>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <location filename="../../qml/SignatureDialog.qml" line="33"/>
        <source>Name of the person signing</source>
        <translation>签名人姓名</translation>
    </message>
    <message>
        <location filename="../../qml/SignatureDialog.qml" line="71"/>
        <source>Sign here</source>
        <translation>请在此签名</translation>
    </message>
    <message>
        <location filename="../../qml/SignatureDialog.qml" line="78"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../qml/SignatureDialog.qml" line="80"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../qml/SignatureDialog.qml" line="82"/>
        <source>Save signature</source>
        <translation>保存签名</translation>
    </message>
</context>
<context>
    <name>StepDelegate</name>
    <message>
        <location filename="../../qml/StepDelegate.qml" line="57"/>
        <source>%1 of %2 answered</source>
        <translation>已完成 %1 / %2</translation>
    </message>
    <message>
        <location filename="../../qml/StepDelegate.qml" line="57"/>
        <source>No items to answer</source>
        <translation>无需填写</translation>
    </message>
    <message>
        <location filename="../../qml/StepDelegate.qml" line="63"/>
        <source>Owner: %1</source>
        <translation>负责人：%1</translation>
    </message>
    <message>
        <location filename="../../qml/StepDelegate.qml" line="68"/>
        <source>Missing: %1</source>
        <translation>缺项：%1</translation>
    </message>
    <message>
        <location filename="../../qml/StepDelegate.qml" line="69"/>
        <source>Conflicts: %1</source>
        <translation>冲突：%1</translation>
    </message>
    <message>
        <location filename="../../qml/StepDelegate.qml" line="70"/>
        <source>Findings: %1</source>
        <translation>问题：%1</translation>
    </message>
</context>
<context>
    <name>StepFooter</name>
    <message>
        <location filename="../../qml/StepFooter.qml" line="18"/>
        <source>Previous: %1</source>
        <translation>上一步：%1</translation>
    </message>
    <message>
        <location filename="../../qml/StepFooter.qml" line="34"/>
        <source>Next: %1</source>
        <translation>下一步：%1</translation>
    </message>
</context>
<context>
    <name>StepHeader</name>
    <message>
        <location filename="../../qml/StepHeader.qml" line="31"/>
        <source>Total: %1</source>
        <translation>总分：%1</translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <location filename="../../qml/StepPage.qml" line="11"/>
        <source>Step %1 of 8</source>
        <translation>第 %1 步（共 8 步）</translation>
    </message>
    <message>
        <location filename="../../qml/StepPage.qml" line="46"/>
        <source>No item in this inspection matches “%1”.</source>
        <translation>本次评估中没有与“%1”匹配的项目。</translation>
    </message>
</context>
<context>
    <name>StepToolBar</name>
    <message>
        <location filename="../../qml/StepToolBar.qml" line="19"/>
        <source>Go to item: number or words</source>
        <translation>跳转到项目：输入编号或文字</translation>
    </message>
    <message>
        <location filename="../../qml/StepToolBar.qml" line="25"/>
        <source>Go</source>
        <translation>跳转</translation>
    </message>
    <message>
        <location filename="../../qml/StepToolBar.qml" line="33"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../qml/StepToolBar.qml" line="37"/>
        <source>Undo the last change: %1</source>
        <translation>撤销上一次修改：%1</translation>
    </message>
    <message>
        <location filename="../../qml/StepToolBar.qml" line="43"/>
        <source>Reopen step</source>
        <translation>重新打开本步</translation>
    </message>
    <message>
        <location filename="../../qml/StepToolBar.qml" line="43"/>
        <source>I take this step</source>
        <translation>由我负责本步</translation>
    </message>
    <message>
        <location filename="../../qml/StepToolBar.qml" line="43"/>
        <source>Mark step done</source>
        <translation>标记本步完成</translation>
    </message>
</context>
<context>
    <name>SubmitDialog</name>
    <message>
        <location filename="../../qml/SubmitDialog.qml" line="12"/>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <location filename="../../qml/SubmitDialog.qml" line="28"/>
        <source>%1 (last synced %2)</source>
        <translation>%1（最近同步 %2）</translation>
    </message>
    <message>
        <location filename="../../qml/SubmitDialog.qml" line="28"/>
        <source>%1 (never synced)</source>
        <translation>%1（从未同步）</translation>
    </message>
    <message>
        <location filename="../../qml/SubmitDialog.qml" line="38"/>
        <source>%1 changes on this tablet have not reached the server yet.</source>
        <translation>本机还有 %1 条修改尚未送达服务器。</translation>
    </message>
    <message>
        <location filename="../../qml/SubmitDialog.qml" line="45"/>
        <source>%1 conflicts are not settled.</source>
        <translation>还有 %1 处冲突未裁定。</translation>
    </message>
    <message>
        <location filename="../../qml/SubmitDialog.qml" line="52"/>
        <source>%1 required items or photos are missing.</source>
        <translation>还缺 %1 项必填项目或照片。</translation>
    </message>
    <message>
        <location filename="../../qml/SubmitDialog.qml" line="59"/>
        <source>%1 other points keep the conclusion open (see the overview).</source>
        <translation>另有 %1 项使结论尚未完成（见概览）。</translation>
    </message>
    <message>
        <location filename="../../qml/SubmitDialog.qml" line="66"/>
        <source>%1 major hazards are still open.</source>
        <translation>仍有 %1 项重大风险隐患未整改。</translation>
    </message>
    <message>
        <location filename="../../qml/SubmitDialog.qml" line="73"/>
        <source>Team members who may have work not yet synced: %1</source>
        <translation>可能有工作尚未同步的组员：%1</translation>
    </message>
    <message>
        <location filename="../../qml/SubmitDialog.qml" line="80"/>
        <source>%1 photos named in the evaluation have not reached the server yet.</source>
        <translation>评估中引用的 %1 张照片尚未送达服务器。</translation>
    </message>
    <message>
        <location filename="../../qml/SubmitDialog.qml" line="89"/>
        <source>Everything is complete and sent.</source>
        <translation>全部完成并已发送。</translation>
    </message>
    <message>
        <location filename="../../qml/SubmitDialog.qml" line="94"/>
        <source>Comment for the supervisor (optional)</source>
        <translation>给督查人员的说明（可选）</translation>
    </message>
</context>
<context>
    <name>SurveyController</name>
    <message>
        <location filename="../../mobile/surveycontroller.cpp" line="53"/>
        <source>This template has no resident survey.</source>
        <translation>此模板没有服务对象调查。</translation>
    </message>
    <message>
        <location filename="../../mobile/surveycontroller.cpp" line="57"/>
        <source>The sample was already drawn (seed %1); it cannot be drawn again.</source>
        <translation>样本已抽取（随机种子 %1），不能重新抽取。</translation>
    </message>
    <message>
        <location filename="../../mobile/surveycontroller.cpp" line="69"/>
        <source>Give the number of residents (beds in use), or paste the roster, one resident a line.</source>
        <translation>请填写服务对象人数（在用床位数），或粘贴名册，每行一人。</translation>
    </message>
    <message>
        <location filename="../../mobile/surveycontroller.cpp" line="74"/>
        <source>The roster could not be saved on this tablet: %1</source>
        <translation>名册无法保存在本机：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/surveycontroller.cpp" line="83"/>
        <source>%1 residents drawn from %2 (seed %3)</source>
        <translation>已从 %2 名中抽取 %1 名服务对象（随机种子 %3）</translation>
    </message>
    <message>
        <location filename="../../mobile/surveycontroller.cpp" line="142"/>
        <source>Resident no. %1 on the roster (roster not on this tablet)</source>
        <translation>名册第 %1 位（名册不在本机）</translation>
    </message>
    <message>
        <location filename="../../mobile/surveycontroller.cpp" line="144"/>
        <source>Bed %1</source>
        <translation>%1 号床</translation>
    </message>
    <message>
        <location filename="../../mobile/surveycontroller.cpp" line="168"/>
        <location filename="../../mobile/surveycontroller.cpp" line="225"/>
        <location filename="../../mobile/surveycontroller.cpp" line="257"/>
        <source>Draw the sample first.</source>
        <translation>请先抽取样本。</translation>
    </message>
    <message>
        <location filename="../../mobile/surveycontroller.cpp" line="233"/>
        <source>No question was answered; nothing was saved.</source>
        <translation>没有回答任何问题，未保存。</translation>
    </message>
    <message>
        <location filename="../../mobile/surveycontroller.cpp" line="261"/>
        <source>Say why the sample cannot be completed; the reason is printed with the conclusion.</source>
        <translation>请说明样本无法补足的原因；该原因将与结论一并打印。</translation>
    </message>
</context>
<context>
    <name>SurveyPanel</name>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="25"/>
        <source>Draw the residents to ask</source>
        <translation>抽取调查对象</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="27"/>
        <source>The draw is random but reproducible: its seed is recorded, so a supervisor can redraw it and get the same residents. %1</source>
        <translation>抽样是随机的，但可复现：随机种子会被记录，督查人员可重新抽取并得到相同的对象。%1</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="34"/>
        <source>Residents (beds in use)</source>
        <translation>服务对象人数（在用床位）</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="44"/>
        <source>%1 residents will be asked (of %2)</source>
        <translation>将调查 %1 名服务对象（共 %2 名）</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="50"/>
        <source>…or paste the roster, one name or room/bed a line (it stays on this tablet):</source>
        <translation>……或粘贴名册，每行一个姓名或房间/床号（名册只保存在本机）：</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="54"/>
        <source>张桂兰 3-201
李秀英 3-202
…</source>
        <translation>张桂兰 3-201
李秀英 3-202
…</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="58"/>
        <source>Draw the sample</source>
        <translation>抽取样本</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="63"/>
        <source>Draw the sample?</source>
        <translation>确认抽样？</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="64"/>
        <source>%1 of %2 residents will be drawn, with a recorded seed. The draw is not repeated: the residents drawn are the ones to ask.</source>
        <translation>将从 %2 位服务对象中抽取 %1 位，并记录随机种子。抽样不可重做：抽中的即为调查对象。</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="66"/>
        <source>Draw</source>
        <translation>抽样</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="86"/>
        <source>%1 of %2 residents drawn (%3) by %4 at %5 · seed %6</source>
        <translation>从 %2 名服务对象中抽取 %1 名（%3），抽取人 %4，时间 %5 · 随机种子 %6</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="88"/>
        <source>from the roster</source>
        <translation>按名册</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="88"/>
        <source>from the bed count</source>
        <translation>按床位数</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="108"/>
        <source>replaces %1</source>
        <translation>替换 %1</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="114"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="114"/>
        <location filename="../../qml/SurveyPanel.qml" line="128"/>
        <location filename="../../qml/SurveyPanel.qml" line="133"/>
        <source>Refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="115"/>
        <location filename="../../qml/SurveyPanel.qml" line="143"/>
        <source>Unable to answer</source>
        <translation>无法回答</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="116"/>
        <source>To do</source>
        <translation>待调查</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="116"/>
        <source>Answered by a proxy</source>
        <translation>代答</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="121"/>
        <source>Review answers</source>
        <translation>查看答案</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="121"/>
        <source>Interview</source>
        <translation>开始调查</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="131"/>
        <source>%1 refused?</source>
        <translation>%1 拒绝调查？</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="132"/>
        <source>%1 is marked as refusing and the next resident of the drawn sequence is added in their place.</source>
        <translation>%1 将记为拒绝，并按抽样顺序补入下一位服务对象。</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="138"/>
        <source>Unable</source>
        <translation>无法回答</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="141"/>
        <source>%1 unable to answer?</source>
        <translation>%1 无法回答？</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="142"/>
        <source>%1 is marked as unable to answer and the next resident of the drawn sequence is added in their place.</source>
        <translation>%1 将记为无法回答，并按抽样顺序补入下一位服务对象。</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="149"/>
        <source>Proxy</source>
        <translation>代答</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="152"/>
        <source>Answered by a proxy?</source>
        <translation>由他人代答？</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="153"/>
        <source>A family member or carer answers for %1; the answers are reported apart.</source>
        <translation>由家属或护理员代 %1 回答；代答结果单独统计。</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="154"/>
        <source>Proxy answers</source>
        <translation>代答</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="165"/>
        <source>Why the sample cannot be completed</source>
        <translation>样本无法补足的原因</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="170"/>
        <source>Close the sample</source>
        <translation>结束抽样</translation>
    </message>
    <message>
        <location filename="../../qml/SurveyPanel.qml" line="178"/>
        <source>Sample closed by %1: %2</source>
        <translation>%1 已结束抽样：%2</translation>
    </message>
</context>
<context>
    <name>SyncClient</name>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="46"/>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="51"/>
        <source>This inspection stays on this tablet (demo).</source>
        <translation>此评估只保存在本机（演示）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../mobile/syncclient.cpp" line="57"/>
        <source>Offline: %n change(s) waiting to send. Trying again in %1 s.</source>
        <translation>
            <numerusform>离线：%n 条修改待发送，%1 秒后重试。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="134"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="171"/>
        <source>The changes waiting to be sent cannot be read: %1</source>
        <translation>无法读取待发送的修改：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="179"/>
        <source>Sending changes: %1 of %2</source>
        <translation>正在发送修改：%1 / %2</translation>
    </message>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="195"/>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="210"/>
        <source>The server&apos;s answer to the changes sent could not be understood; they stay waiting and will be sent again.</source>
        <translation>无法理解服务器对已发送修改的回复；修改仍在等待，稍后会重新发送。</translation>
    </message>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="242"/>
        <source>Receiving the team&apos;s work…</source>
        <translation>正在接收组员的工作…</translation>
    </message>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="252"/>
        <location filename="../../mobile/syncclient.cpp" line="262"/>
        <source>The team&apos;s work sent by the server could not be understood.</source>
        <translation>无法理解服务器发来的组员工作。</translation>
    </message>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="259"/>
        <source>The server sent a damaged change (%1); nothing of this page was stored.</source>
        <translation>服务器发来一条损坏的修改（%1）；本页内容均未保存。</translation>
    </message>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="272"/>
        <source>The team&apos;s work could not be stored on this tablet.</source>
        <translation>组员的工作无法保存在本机。</translation>
    </message>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="308"/>
        <source>Synced at %1 · %2 changes refused by the server</source>
        <translation>%1 已同步 · 服务器拒收 %2 条修改</translation>
    </message>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="309"/>
        <source>All sent · synced at %1</source>
        <translation>已全部发送 · %1 同步</translation>
    </message>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="313"/>
        <source>Sign in again to send your changes; they are kept on this tablet.</source>
        <translation>请重新登录以发送修改；修改已保存在本机。</translation>
    </message>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="342"/>
        <source>The photos waiting to be sent cannot be read: %1</source>
        <translation>无法读取待发送的照片：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="352"/>
        <source>Checking which photos the server needs…</source>
        <translation>正在确认服务器需要哪些照片…</translation>
    </message>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="360"/>
        <source>The server&apos;s answer about photos could not be understood.</source>
        <translation>无法理解服务器关于照片的回复。</translation>
    </message>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="410"/>
        <source>A photo on this tablet cannot be read (%1).</source>
        <translation>本机上的一张照片无法读取（%1）。</translation>
    </message>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="420"/>
        <source>Sending photos: %1 of %2 (%3 kB of this one)</source>
        <translation>正在发送照片：%1 / %2（本张已发 %3 kB）</translation>
    </message>
    <message>
        <location filename="../../mobile/syncclient.cpp" line="447"/>
        <source>A photo on this tablet is damaged and cannot be sent (%1…).</source>
        <translation>本机上的一张照片已损坏，无法发送（%1…）。</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../qml/SyncPanel.qml" line="28"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../qml/SyncPanel.qml" line="48"/>
        <source>Password of %1</source>
        <translation>%1 的密码</translation>
    </message>
    <message>
        <location filename="../../qml/SyncPanel.qml" line="55"/>
        <source>Sign in to send</source>
        <translation>登录后发送</translation>
    </message>
</context>
<context>
    <name>TeamPanel</name>
    <message>
        <location filename="../../qml/TeamPanel.qml" line="24"/>
        <source>Team</source>
        <translation>评估组</translation>
    </message>
    <message>
        <location filename="../../qml/TeamPanel.qml" line="46"/>
        <source>(me)</source>
        <translation>（我）</translation>
    </message>
    <message>
        <location filename="../../qml/TeamPanel.qml" line="50"/>
        <source>Steps %1</source>
        <translation>步骤 %1</translation>
    </message>
    <message>
        <location filename="../../qml/TeamPanel.qml" line="28"/>
        <source>Photos and signatures on the server: %1 of %2</source>
        <translation>服务器已收到照片和签名 %1 / %2</translation>
    </message>
    <message>
        <location filename="../../qml/TeamPanel.qml" line="61"/>
        <source>%1 changes made on this tablet</source>
        <translation>本机所做修改 %1 条</translation>
    </message>
    <message>
        <location filename="../../qml/TeamPanel.qml" line="62"/>
        <source>%1 of their changes received on this tablet</source>
        <translation>本机已收到其修改 %1 条</translation>
    </message>
    <message>
        <location filename="../../qml/TeamPanel.qml" line="64"/>
        <source>latest %1</source>
        <translation>最近修改 %1</translation>
    </message>
    <message>
        <location filename="../../qml/TeamPanel.qml" line="67"/>
        <source>%1 more on the server: sync to receive them</source>
        <translation>服务器上还有 %1 条：同步即可接收</translation>
    </message>
    <message>
        <location filename="../../qml/TeamPanel.qml" line="68"/>
        <source>last synced %1</source>
        <translation>最近同步 %1</translation>
    </message>
    <message>
        <location filename="../../qml/TeamPanel.qml" line="68"/>
        <source>never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <location filename="../../qml/TeamPanel.qml" line="77"/>
        <source>The server&apos;s view of the team is not available: %1</source>
        <translation>暂时无法获得服务器上的评估组信息：%1</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../mobile/texts.cpp" line="24"/>
        <location filename="../../mobile/texts.cpp" line="31"/>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="24"/>
        <source>Not applicable: %1</source>
        <translation>不适用：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="33"/>
        <source>Compliant</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="33"/>
        <source>Non-compliant</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="41"/>
        <source>%1 of %2 points</source>
        <translation>%1 分（满分 %2 分）</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="55"/>
        <source>Signed by %1</source>
        <translation>签名人：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="74"/>
        <source>finding “%1”</source>
        <translation>问题“%1”</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="84"/>
        <source>“%1” is not answered yet.</source>
        <translation>“%1”尚未填写。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="86"/>
        <source>“%1” still needs a signature.</source>
        <translation>“%1”尚缺签名。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="88"/>
        <source>“%1” is non-compliant and needs a note saying what was found.</source>
        <translation>“%1”为不符合，需填写备注说明发现的问题。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="91"/>
        <source>“%1” needs more photos (%2).</source>
        <translation>“%1”照片不足（%2）。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="92"/>
        <source>“%1” is non-compliant and needs a photo as evidence.</source>
        <translation>“%1”为不符合，需拍照取证。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="95"/>
        <source>Team members gave different values for %1; the lead must choose one.</source>
        <translation>评估组成员对%1给出了不同的值，需由组长确定。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="97"/>
        <source>Indicator “%1” cannot be computed yet: some of its inputs are missing.</source>
        <translation>指标“%1”暂无法计算：部分数据尚缺。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="99"/>
        <source>Indicator “%1” misses its target.</source>
        <translation>指标“%1”未达到目标值。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="101"/>
        <source>The resident sample for the survey has not been drawn.</source>
        <translation>尚未抽取满意度调查的服务对象样本。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="103"/>
        <source>The survey needs more valid responses (%1).</source>
        <translation>有效调查问卷不足（%1）。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="105"/>
        <source>The total is below the pass mark (%1).</source>
        <translation>总分低于合格线（%1）。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="107"/>
        <source>A major hazard is still open: %1.</source>
        <translation>仍有未整改的重大隐患：%1。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="109"/>
        <source>Resident %1 has more than one questionnaire; it counts once until the lead withdraws the one that does not stand.</source>
        <translation>服务对象 %1 有不止一份问卷；在组长撤回不成立的一份之前只计一次。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="112"/>
        <source>The sample was closed before it was complete (%1).</source>
        <translation>样本未达应抽数即已结束（%1）。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="116"/>
        <source>“%1”: %2 is before 1990; check the date.</source>
        <translation>“%1”：%2 早于1990年，请核对日期。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="117"/>
        <source>“%1”: %2 is more than a year after it was entered; check the date.</source>
        <translation>“%1”：%2 比填写之日晚一年以上，请核对日期。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="125"/>
        <source>These figures cannot all be true: %1 (%2). Correct them before the evaluation can pass.</source>
        <translation>以下数据相互矛盾：%1（%2）。更正后评估方可合格。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="128"/>
        <source>Figures that cannot all be true: %1.</source>
        <translation>数据相互矛盾：%1。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="136"/>
        <location filename="../../mobile/texts.cpp" line="166"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="143"/>
        <location filename="../../mobile/texts.cpp" line="166"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="143"/>
        <location filename="../../mobile/texts.cpp" line="166"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="153"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="155"/>
        <source>All answered</source>
        <translation>已全部填写</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="158"/>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="179"/>
        <source>The text is too long: %1 characters, at most %2 can be saved. Shorten it and save again.</source>
        <translation>文字过长：共 %1 字，最多可保存 %2 字。请删减后再保存。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="181"/>
        <source>This change cannot be saved: %1</source>
        <translation>此修改无法保存：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="184"/>
        <source>This tablet&apos;s change counter is out of step (%1); the change was not saved.</source>
        <translation>本平板的修改计数异常（%1），修改未保存。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="186"/>
        <source>This evaluation has been approved and is locked: changes are no longer accepted.</source>
        <translation>本次评估已批准并锁定，不再接受修改。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="188"/>
        <source>You are not on this evaluation&apos;s team, so you cannot change it.</source>
        <translation>您不是本次评估的组员，不能修改。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="190"/>
        <source>Your role does not allow this change: %1</source>
        <translation>您的角色不能进行此修改：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="192"/>
        <source>Not possible at this stage of the review: %1</source>
        <translation>审核的当前阶段不能进行此操作：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="194"/>
        <source>This value cannot be saved: %1</source>
        <translation>此值无法保存：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="196"/>
        <source>The server already has this change in another form; it was not saved again (%1).</source>
        <translation>服务器上已有内容不同的同一条修改，本条未再次保存（%1）。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="157"/>
        <location filename="../../mobile/texts.cpp" line="207"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="209"/>
        <source>Submitted for review</source>
        <translation>已提交审核</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="211"/>
        <source>Returned to the team</source>
        <translation>已退回评估组</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="213"/>
        <source>Approved (locked)</source>
        <translation>已审核通过（已锁定）</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="215"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="222"/>
        <source>Team lead</source>
        <translation>组长</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="224"/>
        <source>Evaluator</source>
        <translation>评估员</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="226"/>
        <source>Supervisor</source>
        <translation>督导</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="228"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="230"/>
        <source>Institution representative</source>
        <translation>机构代表</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../mobile/workspace.cpp" line="81"/>
        <source>The template %1 is not on this tablet yet. Connect to the server once to fetch it.</source>
        <translation>本机还没有模板 %1，请联网一次以下载。</translation>
    </message>
    <message>
        <location filename="../../mobile/workspace.cpp" line="87"/>
        <source>The template %1 is damaged and cannot be used: %2</source>
        <translation>模板 %1 已损坏，无法使用：%2</translation>
    </message>
    <message>
        <location filename="../../mobile/workspace.cpp" line="109"/>
        <source>The list of assignments cannot be read: %1</source>
        <translation>无法读取任务列表：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/workspace.cpp" line="223"/>
        <source>The assignments could not be stored: %1</source>
        <translation>无法保存任务列表：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/workspace.cpp" line="239"/>
        <source>The server sent a template that cannot be used (%1): %2</source>
        <translation>服务器发送的模板无法使用（%1）：%2</translation>
    </message>
</context>
</TS>
