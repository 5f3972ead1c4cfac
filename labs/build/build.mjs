// Temporary: replaced by the lab build pipeline.
console.log('no labs yet');
