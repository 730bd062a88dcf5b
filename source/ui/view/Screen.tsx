/** The whole frame, exactly the terminal's size. */
import React from 'react';
import {Box} from 'ink';
import {DetailPanel} from './DetailPanel.js';
import {DialogOverlay} from './DialogView.js';
import {HintBar, PromptBar, StatusLine} from './Footer.js';
import {Header, PaneTabs} from './Header.js';
import {ListPanel} from './ListPanel.js';
import {HelpOverlay, OutputPanel} from './Overlays.js';
import {TooSmall} from './TooSmall.js';
import {useUIState} from './contexts.js';

function Body() {
	const {ui, layout} = useUIState();
	if (ui.help) return <HelpOverlay />;
	if (ui.output) return <OutputPanel />;
	return (
		<Box flexDirection={layout.detail?.placement === 'side' ? 'row' : 'column'} width={layout.cols} height={layout.body.height}>
			<ListPanel />
			{layout.detail ? <DetailPanel /> : null}
		</Box>
	);
}

export function Screen() {
	const {ui, layout} = useUIState();
	if (layout.tooSmall) return <TooSmall />;
	return (
		<Box flexDirection="column" width={layout.cols} height={layout.rows}>
			<Header />
			<PaneTabs />
			<Body />
			{ui.prompt ? <PromptBar /> : null}
			<HintBar />
			<StatusLine />
			{ui.dialog ? <DialogOverlay /> : null}
		</Box>
	);
}
